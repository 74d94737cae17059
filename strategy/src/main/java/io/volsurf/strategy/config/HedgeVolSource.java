package io.volsurf.strategy.config;

/** Which implied volatility the hedge Greeks are computed with. */
public enum HedgeVolSource {
    /** The forecast IV for the next session (falls back to the market IV where the forecast has none). */
    FORECAST,
    /** The market IV of the session. */
    MARKET
}
