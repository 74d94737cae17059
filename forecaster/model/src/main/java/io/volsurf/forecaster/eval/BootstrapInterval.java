package io.volsurf.forecaster.eval;

/**
 * A moving-block bootstrap percentile interval of the ratio of two RMSEs on the same cells.
 *
 * @param estimate     the ratio on the sample itself
 * @param lower        lower end of the interval
 * @param upper        upper end of the interval
 * @param level        coverage of the interval (0.95)
 * @param blockLength  sessions per block
 * @param replications bootstrap resamples
 * @param seed         seed of the resampling (the same seed gives the same interval)
 * @param sessions     number of sessions (dates) resampled
 */
public record BootstrapInterval(double estimate, double lower, double upper, double level, int blockLength,
        int replications, long seed, int sessions) {

    /** Whether the interval lies wholly below 1 (the first forecaster is better) or wholly above it. */
    public boolean excludesOne() {
        return upper < 1 || lower > 1;
    }
}
