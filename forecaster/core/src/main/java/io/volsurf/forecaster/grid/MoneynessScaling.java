package io.volsurf.forecaster.grid;

/** How a grid's moneyness knots map to log-moneyness {@code k = ln(K/F)} at maturity {@code T} (years). */
public enum MoneynessScaling {
    /** {@code k = knot}: plain log-moneyness. */
    LOG_MONEYNESS,
    /** {@code k = knot * sqrt(T)}: knots in units of sqrt(years), so short and long tenors span similar deltas. */
    SQRT_T,
    /** {@code k = knot * atmVol(T) * sqrt(T)}: knots in ATM standard deviations (delta-like), asset-independent. */
    ATM_STD
}
