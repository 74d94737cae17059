package io.volsurf.strategy.config;

/** How the trading book is hedged each session. */
public enum HedgeMode {
    /** No hedge: the unhedged book, the baseline hedged runs are compared against. */
    NONE,
    /** Delta-neutral with the underlying, rebalanced every session. */
    DELTA,
    /** Gamma-neutral with a second option (see {@link HedgeOptionRule}), then delta-neutral with the underlying. */
    DELTA_GAMMA
}
