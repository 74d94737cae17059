package io.volsurf.strategy.result;

/** Why a trade was made. */
public enum TradeReason {
    ENTRY,
    EXIT_HOLDING_PERIOD,
    EXIT_GAP_CLOSED,
    EXIT_DAYS_TO_EXPIRY,
    SETTLEMENT,
    EARLY_EXERCISE,
    HEDGE_REBALANCE
}
