package io.volsurf.strategy.result;

/** Why a position is held. */
public enum PositionRole {
    /** A leg of a trade chosen from the forecast. */
    TRADING,
    /** The delta-gamma hedger's second option. */
    HEDGE_OPTION,
    /** The underlying (delta hedge). */
    UNDERLYING
}
