package io.volsurf.forecaster.eval;

/**
 * Diebold-Mariano test of equal predictive accuracy with the Harvey-Leybourne-Newbold small-sample correction.
 * A negative statistic means the first forecaster has the smaller loss.
 *
 * @param statistic corrected statistic, Student-t with {@code sessions - 1} degrees of freedom under the null
 * @param pValue    two-sided p-value
 * @param sessions  number of loss differentials
 * @param meanLossDifferential mean of (loss of the first - loss of the second), in squared vol points
 */
public record DieboldMarianoResult(double statistic, double pValue, int sessions, double meanLossDifferential) {
}
