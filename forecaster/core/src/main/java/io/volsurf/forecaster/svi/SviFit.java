package io.volsurf.forecaster.svi;

/**
 * A calibrated SVI slice and how well it fits.
 *
 * @param params            the raw SVI parameters, in total variance
 * @param maturityYears     the slice's time to expiry in years
 * @param rmseVolPoints     root-mean-square error of fitted against market implied vol over the quotes,
 *                          in vol points (1.0 = 0.01 implied vol), unweighted
 * @param rmseTotalVariance root-mean-square error in total variance {@code w}, unweighted
 * @param quotes            number of quotes fitted
 * @param butterflyFree     true when Durrleman's {@code g(k) >= 0} over the scan (always true for a
 *                          slice returned by {@link SviSliceCalibrator})
 * @param minG              the minimum of {@code g(k)} found
 * @param minGAtK           the log-moneyness where it is reached
 * @param evaluations       objective evaluations spent
 * @param repair            what was done to remove butterfly arbitrage from the unconstrained best fit
 */
public record SviFit(SviParams params, double maturityYears, double rmseVolPoints, double rmseTotalVariance,
        int quotes, boolean butterflyFree, double minG, double minGAtK, int evaluations, Repair repair) {

    /** How the returned slice was made butterfly-free. */
    public enum Repair {
        /** The constrained quasi-explicit fit was already free of butterfly arbitrage. */
        NONE,
        /**
         * Not produced any more (kept for fits stored by earlier versions): re-fitted on all five parameters with a
         * penalty on negative g.
         */
        PENALTY_REFIT,
        /**
         * The wing-slope cap was lowered by bisection, re-solving the inner problem at the fitted {@code (m, sigma)},
         * to the largest cap whose slice has {@code g >= 0}.
         */
        WING_SLOPE_REDUCED,
        /**
         * Re-fitted with both wing asymptotes non-negative at {@code k = 0} (a linear constraint of the inner problem
         * that keeps the first term of g at least 1/4), which was enough.
         */
        ASYMPTOTE_REFIT,
        /** Wings flattened toward a constant total variance until g >= 0 (fit quality may suffer). */
        FLATTENED
    }
}
