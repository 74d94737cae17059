package io.volsurf.strategy.hedging;

/**
 * Hedge positions to hold after rebalancing.
 *
 * @param hedgeOptionContracts signed contracts of the hedge option (0 for a delta hedge)
 * @param underlyingUnits      signed units of the underlying
 */
public record HedgeTargets(double hedgeOptionContracts, double underlyingUnits) {
}
