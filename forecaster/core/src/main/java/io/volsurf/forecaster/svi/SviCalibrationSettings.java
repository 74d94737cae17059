package io.volsurf.forecaster.svi;

/**
 * Settings of {@link SviSliceCalibrator}.
 *
 * @param maxWingSlope          absolute upper bound on the wing slopes {@code b(1 +- rho)} of total variance
 *                              against k; Lee's moment formula requires {@code <= 2} and g stays positive far out
 *                              only below 2, hence the default 1.98
 * @param evaluationsPerStart   Nelder–Mead budget of the outer (m, sigma) search per starting point
 * @param durrlemanPoints       scan points of the butterfly check
 * @param wingSlopePerAtmStdDev data-scaled wing-slope cap: the fit keeps {@code b(1 +- rho) <= min(maxWingSlope,
 *                              wingSlopePerAtmStdDev * sqrt(theta))}, {@code theta} the quoted at-the-money total
 *                              variance (so {@code sqrt(theta)} is the ATM standard deviation of {@code ln S_T}).
 *                              Gatheral–Jacquier's SSVI condition {@code theta phi^2 (1 + |rho|) <= 4} is a wing
 *                              slope {@code <= sqrt(theta (1 + |rho|))}, at most {@code sqrt(2) sqrt(theta)}: slopes
 *                              far above that make g negative just outside the quotes of a short expiry. Default 2.
 */
public record SviCalibrationSettings(double maxWingSlope, int evaluationsPerStart, int durrlemanPoints,
        double wingSlopePerAtmStdDev) {

    /** Default data-scaled wing-slope factor, see {@link #wingSlopePerAtmStdDev()}. */
    public static final double DEFAULT_WING_SLOPE_PER_ATM_STD_DEV = 2.0;

    public SviCalibrationSettings {
        if (!(maxWingSlope > 0 && maxWingSlope < 2)) {
            throw new IllegalArgumentException("maxWingSlope must be in (0, 2), got " + maxWingSlope);
        }
        if (evaluationsPerStart < 20) {
            throw new IllegalArgumentException("evaluationsPerStart must be >= 20, got " + evaluationsPerStart);
        }
        if (durrlemanPoints < 11) {
            throw new IllegalArgumentException("durrlemanPoints must be >= 11, got " + durrlemanPoints);
        }
        if (!(wingSlopePerAtmStdDev > 0) || Double.isInfinite(wingSlopePerAtmStdDev)) {
            throw new IllegalArgumentException("wingSlopePerAtmStdDev must be finite and > 0, got "
                    + wingSlopePerAtmStdDev);
        }
    }

    /** Settings with the default data-scaled wing-slope factor. */
    public SviCalibrationSettings(double maxWingSlope, int evaluationsPerStart, int durrlemanPoints) {
        this(maxWingSlope, evaluationsPerStart, durrlemanPoints, DEFAULT_WING_SLOPE_PER_ATM_STD_DEV);
    }

    public static SviCalibrationSettings defaults() {
        return new SviCalibrationSettings(1.98, 150, DurrlemanCondition.DEFAULT_POINTS);
    }
}
