package io.volsurf.forecaster.model;

/** What the trainer's early stopping compares on the validation pairs after each epoch. */
public enum EarlyStopping {
    /** The data term of the loss on the network's output (standardised total variance; the original design's choice). */
    DATA_LOSS,
    /**
     * The metric {@code evaluate} reports: RMSE in vol points on the observed cells of the finished forecast
     * (after the no-arbitrage projection).
     */
    VOL_RMSE
}
