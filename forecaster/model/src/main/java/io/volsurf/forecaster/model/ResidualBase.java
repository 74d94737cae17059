package io.volsurf.forecaster.model;

/** The baseline surface the heads predict a change on top of (residual learning). */
public enum ResidualBase {
    /**
     * Sticky-expiry in business time ({@link io.volsurf.forecaster.baseline.BusinessTimeStickyExpiryForecaster}):
     * each expiry's remaining variance carried per business day, non-trading days weighted by a theta chosen on the
     * training pairs and saved with the model. The best nothing-learned forecaster on the US data.
     */
    BUSINESS_TIME_STICKY_EXPIRY,
    /**
     * Business-time sticky-expiry plus event variance
     * ({@link io.volsurf.forecaster.baseline.EventVarianceStickyExpiryForecaster}): a jump in forward variance
     * between adjacent expiries that persists across sessions is carried with the expiries spanning it and released
     * when the event may fall in the gap; the same theta as business time, saved with the model.
     */
    EVENT_VARIANCE_STICKY_EXPIRY,
    /**
     * Sticky-expiry in calendar time: the vol of the same expiry, today's surface read at tenor + gap.
     */
    STICKY_EXPIRY,
    /** Today's surface at the same tenor. */
    CARRY_FORWARD,
    /**
     * The ridge baseline's forecast ({@link io.volsurf.forecaster.baseline.LinearForecaster}), fitted on the
     * training pairs only and saved with the model: the network learns a correction on top of the best baseline.
     */
    LINEAR,
    /**
     * Chosen by training among carry-forward, sticky-expiry, business-time and event-variance sticky-expiry: the one
     * with the lowest
     * RMSE in vol points on the validation folds' pairs, each read through the no-arbitrage projection; the choice is
     * what the saved config records. The default.
     */
    AUTO;

    /** True for the bases that carry variance in business time and need the fitted theta. */
    public boolean usesBusinessTime() {
        return this == BUSINESS_TIME_STICKY_EXPIRY || this == EVENT_VARIANCE_STICKY_EXPIRY;
    }
}
