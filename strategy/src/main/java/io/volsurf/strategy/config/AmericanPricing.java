package io.volsurf.strategy.config;

/** How Greeks of American options (US equity options) are computed. */
public enum AmericanPricing {
    /** Closed-form Black-Scholes as if European: fast; ignores the early-exercise premium in the Greeks. */
    BLACK_SCHOLES_APPROXIMATION,
    /** The injected American engine (QuantLib FD / BAW / Bjerksund-Stensland): exact but slower. */
    AMERICAN_ENGINE
}
