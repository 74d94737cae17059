package io.volsurf.forecaster.eval;

/**
 * Static-arbitrage violations of the model's forecasts summed over the evaluated sessions.
 *
 * @param before violations (butterfly tenors + calendar fine-grid points) before the projector
 * @param after  violations left after the projector
 */
public record ArbitrageCounts(long before, long after) {
}
