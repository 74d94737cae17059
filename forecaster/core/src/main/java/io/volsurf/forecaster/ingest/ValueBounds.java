package io.volsurf.forecaster.ingest;

/**
 * Magnitudes no listed option has: beyond them a value is a unit slip or corruption, and the row is rejected
 * with a reason of its own instead of breaking a forward, a fit or a whole file. Wide on purpose: they catch
 * {@code 1e308} and a strike in cents, never a real deep-wing quote.
 */
final class ValueBounds {

    /** LEAPS run to about 3 years, long-dated OTC-style listings to 10; 30 leaves room. */
    static final int MAX_YEARS_TO_EXPIRY = 30;
    /**
     * Strikes within {@code [spot / 1000, spot * 1000]}. Not 100: real chains list strikes far below the spot
     * (NVDA's 0.50 strike at a spot of 215, spot/430, a series listed before its 10:1 split).
     */
    static final double STRIKE_SPOT_RATIO = 1000;
    /** A call is worth at most the underlying, a put at most the strike: ten times that is impossible. */
    static final double PREMIUM_BOUND_MULTIPLE = 10;
    /** A row's underlying price within {@code [spot / 10, spot * 10]} of the session's. */
    static final double UNDERLYING_SPOT_RATIO = 10;
    /** 5,000% a year, decimal: far beyond any quoted wing (same-day wings reach a few hundred percent). */
    static final double MAX_VENDOR_IV = 50;
    /** Rates and yields, decimal a year. */
    static final double MAX_ABS_RATE = 1;

    private ValueBounds() {
    }
}
