package io.volsurf.forecaster.eval;

import org.apache.commons.statistics.distribution.TDistribution;

/** Student-t tail probabilities through Apache Commons Statistics: a maintained library, not our own continued fraction. */
final class StudentT {

    private StudentT() {
    }

    /** {@code P(|T| >= |t|)} for {@code df} degrees of freedom. */
    static double twoSidedPValue(double t, double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("df must be > 0, got " + df);
        }
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t must not be NaN");
        }
        // the survival function keeps its precision far in the tail, where 1 - cdf would round to 0
        return Math.min(1, 2 * TDistribution.of(df).survivalProbability(Math.abs(t)));
    }
}
