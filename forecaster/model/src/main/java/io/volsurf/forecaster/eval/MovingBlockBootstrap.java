package io.volsurf.forecaster.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Moving-block bootstrap (Kuensch 1989) of an RMSE ratio over sessions: the per-session sums of squared errors of
 * two forecasters on the same cells are resampled in blocks of consecutive sessions, so that the serial dependence
 * of the errors (a volatile week moves every forecaster's loss together for days) stays inside each block. The
 * ratio of a resample is {@code sqrt(sum sseA / sum sseB)}: both forecasters are scored on the same cells, so the
 * cell counts cancel. Percentile interval; reproducible for a given seed.
 */
public final class MovingBlockBootstrap {

    /** Resamples by default: enough for the 2.5% and 97.5% percentiles to be stable to about 0.002 of the ratio. */
    public static final int DEFAULT_REPLICATIONS = 2000;

    /** Default seed: the interval is a fixed function of the data. */
    public static final long DEFAULT_SEED = 20260814L;

    private final int replications;
    private final long seed;

    public MovingBlockBootstrap(int replications, long seed) {
        if (replications < 100) {
            throw new IllegalArgumentException("replications must be >= 100, got " + replications);
        }
        this.replications = replications;
        this.seed = seed;
    }

    public MovingBlockBootstrap() {
        this(DEFAULT_REPLICATIONS, DEFAULT_SEED);
    }

    /**
     * Block length {@code ceil(n^(1/3))}: the order that minimises the mean squared error of block-bootstrap
     * variance and distribution estimates (Hall, Horowitz and Jing 1995); 4 sessions for 40 test sessions.
     */
    public static int defaultBlockLength(int sessions) {
        return Math.max(1, (int) Math.ceil(Math.cbrt(sessions) - 1e-9));
    }

    /** {@link #rmseRatio(double[], double[], int, double)} with the default block length and a 95% level. */
    public BootstrapInterval rmseRatio(double[] sseA, double[] sseB) {
        return rmseRatio(sseA, sseB, defaultBlockLength(sseA.length), 0.95);
    }

    /**
     * @param sseA        per session (in time order) the sum of squared errors of the forecaster under test
     * @param sseB        per session the sum of squared errors of the benchmark, on the same cells
     * @param blockLength sessions per block, 1..n
     * @param level       coverage, in (0, 1)
     */
    public BootstrapInterval rmseRatio(double[] sseA, double[] sseB, int blockLength, double level) {
        int n = sseA.length;
        if (sseB.length != n) {
            throw new IllegalArgumentException("sseA/sseB: lengths differ (" + n + " vs " + sseB.length + ")");
        }
        if (n < 2) {
            throw new IllegalArgumentException("sessions: the bootstrap needs at least 2, got " + n);
        }
        if (blockLength < 1 || blockLength > n) {
            throw new IllegalArgumentException("blockLength must lie in [1, " + n + "], got " + blockLength);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must lie in (0, 1), got " + level);
        }
        for (int i = 0; i < n; i++) {
            if (!(sseA[i] >= 0) || !(sseB[i] >= 0) || Double.isInfinite(sseA[i]) || Double.isInfinite(sseB[i])) {
                throw new IllegalArgumentException("sse: session " + i + " is negative or not finite");
            }
        }
        double estimate = ratio(sum(sseA), sum(sseB));
        SplittableRandom random = new SplittableRandom(seed);
        int starts = n - blockLength + 1;
        double[] ratios = new double[replications];
        for (int r = 0; r < replications; r++) {
            double a = 0;
            double b = 0;
            int filled = 0;
            while (filled < n) {
                int start = random.nextInt(starts);
                for (int j = 0; j < blockLength && filled < n; j++, filled++) {
                    a += sseA[start + j];
                    b += sseB[start + j];
                }
            }
            ratios[r] = ratio(a, b);
        }
        Arrays.sort(ratios);
        double alpha = (1 - level) / 2;
        return new BootstrapInterval(estimate, quantile(ratios, alpha), quantile(ratios, 1 - alpha), level,
                blockLength, replications, seed, n);
    }

    private static double ratio(double a, double b) {
        // a resample whose benchmark made no error at all: the ratio is undefined, count it as no difference
        return b > 0 ? Math.sqrt(a / b) : a > 0 ? Double.POSITIVE_INFINITY : 1;
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** Linear interpolation between order statistics (type 7, R's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
