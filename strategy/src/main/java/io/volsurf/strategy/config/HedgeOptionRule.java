package io.volsurf.strategy.config;

/** How the delta-gamma hedger picks its second option. */
public enum HedgeOptionRule {
    /**
     * The nearest-to-the-money option (smallest {@code |ln K/F|}, calls first on ties) of the listed expiry
     * closest to {@code hedgeOptionTargetDays} among expiries the trading book does not hold, with at least
     * {@code minDaysToExpiry} days left and {@code |ln K/F|} within {@code hedgeOptionMaxAbsLogMoneyness}.
     * Kept while it stays valid, so the hedge is not rolled every day.
     */
    NEAREST_ATM_OTHER_EXPIRY
}
