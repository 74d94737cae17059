package io.volsurf.forecaster.arbitrage;

/**
 * A log-moneyness interval where total variance decreases from one expiry to the next (calendar arbitrage:
 * at fixed {@code k = ln(K/F)}, {@code w(k, T)} must be non-decreasing in T).
 *
 * @param shorterMaturityYears the earlier expiry T1
 * @param longerMaturityYears  the later expiry T2
 * @param kFrom                first violating grid point
 * @param kTo                  last violating grid point
 * @param worstK               where the decrease is largest
 * @param worstAmount          the largest decrease {@code w(k, T1) - w(k, T2) > 0}, in total variance
 */
public record CalendarViolation(double shorterMaturityYears, double longerMaturityYears, double kFrom, double kTo,
        double worstK, double worstAmount) {
}
