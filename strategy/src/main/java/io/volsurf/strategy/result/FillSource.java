package io.volsurf.strategy.result;

/** How a fill price was obtained; reports must say when fills were modelled rather than quoted. */
public enum FillSource {
    /** At the quoted bid (sells) or ask (buys). */
    QUOTED_BID_ASK,
    /** At the reference price plus or minus the assumed half-spread (no bid/ask in the data, e.g. US). */
    ASSUMED_HALF_SPREAD,
    /** Underlying at spot plus or minus its configured half-spread. */
    UNDERLYING_SPREAD,
    /** Cash settlement at intrinsic value on expiry. */
    SETTLEMENT,
    /** Early exercise or assignment of a deep in-the-money American option, at intrinsic value. */
    EARLY_EXERCISE
}
