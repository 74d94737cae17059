package io.volsurf.forecaster.baseline;

/**
 * The Kalman filter of a local-level model: a level that moves as a random walk ({@code stateVariance} per unit of
 * time), observed with independent noise ({@code noiseVariance}). The filtered level weighs each new observation by
 * how much the level can have moved since the last one against how noisy the observation is; with no noise it is the
 * latest observation (carry-forward), with no movement the mean of all of them. Pure functions.
 */
public final class LocalLevelFilter {

    private LocalLevelFilter() {
    }

    /**
     * The filtered level after the last observation.
     *
     * @param observations  the series, oldest first; NaN entries are skipped (no update)
     * @param steps         time from the previous observation to each one ({@code steps[0]} is unused)
     * @param stateVariance variance the level gains per unit of time, {@code >= 0}
     * @param noiseVariance variance of each observation's noise, {@code >= 0}
     * @return the filtered level; NaN when no observation is finite
     */
    public static double filteredLevel(double[] observations, double[] steps, double stateVariance,
            double noiseVariance) {
        if (observations.length != steps.length) {
            throw new IllegalArgumentException("observations and steps must have the same length, got "
                    + observations.length + " and " + steps.length);
        }
        if (!(stateVariance >= 0) || !(noiseVariance >= 0)) {
            throw new IllegalArgumentException("state and noise variances must be >= 0, got " + stateVariance + " and "
                    + noiseVariance);
        }
        double level = Double.NaN;
        double variance = 0;
        double sinceLast = 0;
        for (int i = 0; i < observations.length; i++) {
            sinceLast += i == 0 ? 0 : steps[i];
            double y = observations[i];
            if (!Double.isFinite(y)) {
                continue;
            }
            if (Double.isNaN(level)) {
                // the first observation: nothing is known before it but its own noise
                level = y;
                variance = noiseVariance;
            } else {
                double predicted = variance + stateVariance * sinceLast;
                double total = predicted + noiseVariance;
                double gain = total > 0 ? predicted / total : 1.0;
                level += gain * (y - level);
                variance = (1 - gain) * predicted;
            }
            sinceLast = 0;
        }
        return level;
    }
}
