package io.volsurf.forecaster.eval;

/**
 * Forecast error of one bucket of cells (a tenor or a moneyness knot).
 *
 * @param bucket        label, e.g. "7d" or "k=-0.10"
 * @param rmseVolPoints RMSE of implied vol in vol points (1.0 = 0.01 vol)
 * @param cells         number of scored cells
 */
public record BucketError(String bucket, double rmseVolPoints, long cells) {
}
