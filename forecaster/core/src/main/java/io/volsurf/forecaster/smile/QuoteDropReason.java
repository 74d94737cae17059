package io.volsurf.forecaster.smile;

/**
 * Why an accepted out-of-the-money quote was left out of its expiry's smile (the ingest summary reports these
 * counts beside the row rejects). In-the-money quotes are not counted: they are not smile candidates at all.
 */
public enum QuoteDropReason {
    /** No positive mid, mark or last price. */
    NO_PRICE,
    /** Neither open interest nor volume, and no two-sided quote: a never-traded series' price is not a market. */
    NO_LIQUIDITY,
    /**
     * Price within a tick and a half of zero, or so low that one tick moves the implied vol by more than
     * {@link SmileSettings#maxVolPerTick()}: the implied vol is not determined by the price.
     */
    TICK_FLOOR,
    /** The price admits no Black volatility (below intrinsic, at or above the maximum). */
    NOT_INVERTIBLE,
    /** Beyond {@link SmileSettings#maxStdDevs()} ATM standard deviations from the forward. */
    FAR_WING,
    /** Implied vol far from its strike neighbours' (an isolated stale or erroneous print). */
    SPIKE,
    /** Left after the first SVI fit with a residual far beyond the slice's robust spread (then refitted). */
    FIT_OUTLIER,
    /** The expiry is shorter than {@link SmileSettings#minMaturityYears()}: no smile is fitted. */
    SHORT_MATURITY,
    /** The expiry kept fewer than {@link SmileSettings#minQuotes()} quotes: no smile is fitted. */
    TOO_FEW_QUOTES
}
