package io.volsurf.forecaster.model;

/** The baseline surface the heads predict a change on top of (residual learning). */
public enum ResidualBase {
    /**
     * Sticky-expiry: the vol of the same expiry, today's surface read at tenor + gap; the strongest nothing-fitted
     * baseline on the US data.
     */
    STICKY_EXPIRY,
    /** Today's surface at the same tenor. */
    CARRY_FORWARD,
    /**
     * The ridge baseline's forecast ({@link io.volsurf.forecaster.baseline.LinearForecaster}), fitted on the
     * training pairs only and saved with the model: the network learns a correction on top of the best baseline.
     */
    LINEAR
}
