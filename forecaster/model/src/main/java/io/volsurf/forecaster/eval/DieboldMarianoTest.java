package io.volsurf.forecaster.eval;

/**
 * Diebold and Mariano (1995) test on per-session loss differentials, with the small-sample correction of Harvey,
 * Leybourne and Newbold (1997): {@code DM* = DM sqrt((T + 1 - 2h + h(h-1)/T) / T)}, compared with Student-t on
 * {@code T - 1} degrees of freedom. The long-run variance uses autocovariances up to lag {@code h - 1}.
 */
public final class DieboldMarianoTest {

    private final int horizon;

    /** @param horizon forecast horizon h in sessions (1 for next-session forecasts) */
    public DieboldMarianoTest(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        this.horizon = horizon;
    }

    /**
     * @param lossA per-session losses of the forecaster under test
     * @param lossB per-session losses of the benchmark (same sessions, same order)
     */
    public DieboldMarianoResult test(double[] lossA, double[] lossB) {
        if (lossA.length != lossB.length) {
            throw new IllegalArgumentException("lossA/lossB: lengths differ (" + lossA.length + " vs " + lossB.length + ")");
        }
        int n = lossA.length;
        if (n < 3) {
            throw new IllegalArgumentException("sessions: the Diebold-Mariano test needs at least 3, got " + n);
        }
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(lossA[i]) || !Double.isFinite(lossB[i])) {
                throw new IllegalArgumentException("losses: not finite at session " + i);
            }
            d[i] = lossA[i] - lossB[i];
            mean += d[i];
        }
        mean /= n;
        double longRunVariance = 0;
        for (int lag = 0; lag < horizon && lag < n; lag++) {
            double gamma = 0;
            for (int i = lag; i < n; i++) {
                gamma += (d[i] - mean) * (d[i - lag] - mean);
            }
            gamma /= n;
            longRunVariance += lag == 0 ? gamma : 2 * gamma;
        }
        if (!(longRunVariance > 0)) {
            // identical losses in every session: no evidence either way
            return new DieboldMarianoResult(0, 1, n, mean);
        }
        double dm = mean / Math.sqrt(longRunVariance / n);
        double h = horizon;
        double correction = Math.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n);
        double stat = dm * correction;
        double p = StudentT.twoSidedPValue(stat, n - 1);
        return new DieboldMarianoResult(stat, p, n, mean);
    }
}
