package io.volsurf.strategy.result;

/** Why a trade was made. */
public enum TradeReason {
    ENTRY,
    EXIT_HOLDING_PERIOD,
    EXIT_GAP_CLOSED,
    EXIT_DAYS_TO_EXPIRY,
    /** At expiry, out of the money: expires worthless (price 0). */
    SETTLEMENT,
    /** A long American option past the exercise boundary before expiry, exercised at the close (intrinsic). */
    EARLY_EXERCISE,
    /** A short American option past the exercise boundary before expiry, assigned at the close (intrinsic). */
    EARLY_ASSIGNMENT,
    /** At expiry, a long option in the money: exercised at the close (intrinsic, cash-equivalent). */
    EXERCISE,
    /** At expiry, a short option in the money: assigned at the close (intrinsic, cash-equivalent). */
    ASSIGNMENT,
    HEDGE_REBALANCE
}
