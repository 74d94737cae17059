package io.volsurf.forecaster.eval;

import java.util.Map;

/**
 * One row of a walk-forward table (a tenor or a gap class): every forecaster's RMSE on the bucket's cells and the
 * model's ratios.
 *
 * @param bucket          "7d", ..., or a {@link GapClass} label
 * @param pairs           ticker-sessions in the bucket (null for tenor rows: every pair has every tenor)
 * @param cells           scored cells
 * @param rmseVolPoints   RMSE in vol points by forecaster: "model" then each baseline
 * @param vsBest          the model's RMSE over that of the overall best baseline (the report's {@code bestBaseline})
 * @param bestInBucket    the baseline with the lowest RMSE in this bucket
 * @param vsBestInBucket  the model's RMSE over {@code bestInBucket}'s
 * @param vsCarryForward  the model's RMSE over carry-forward's
 * (a ratio is null where its denominator is missing or zero)
 */
public record BucketComparison(String bucket, Integer pairs, long cells, Map<String, Double> rmseVolPoints,
        Double vsBest, String bestInBucket, Double vsBestInBucket, Double vsCarryForward) {
}
