package io.volsurf.forecaster.svi;

/**
 * Settings of {@link SviSliceCalibrator}.
 *
 * @param maxWingSlope          upper bound on the wing slopes {@code b(1 +- rho)} of total variance against k;
 *                              Lee's moment formula requires {@code <= 2} and g stays positive far out only
 *                              below 2, hence the default 1.98
 * @param evaluationsPerStart   Nelder–Mead budget of the outer (m, sigma) search per starting point
 * @param durrlemanPoints       scan points of the butterfly check
 */
public record SviCalibrationSettings(double maxWingSlope, int evaluationsPerStart, int durrlemanPoints) {

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
    }

    public static SviCalibrationSettings defaults() {
        return new SviCalibrationSettings(1.98, 150, DurrlemanCondition.DEFAULT_POINTS);
    }
}
