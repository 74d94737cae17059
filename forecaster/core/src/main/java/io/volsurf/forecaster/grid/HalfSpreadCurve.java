package io.volsurf.forecaster.grid;

import java.util.Arrays;

/**
 * One expiry's half bid-ask spread in vol against log-moneyness, from its two-sided quotes; read by linear
 * interpolation between quotes, NaN outside them (no extrapolation) or when the expiry had no two-sided quote.
 *
 * @param logMoneyness   increasing {@code k} of the two-sided quotes
 * @param halfSpreadVol  half-spread in vol (decimal) at each
 */
public record HalfSpreadCurve(double[] logMoneyness, double[] halfSpreadVol) {

    public HalfSpreadCurve {
        if (logMoneyness.length != halfSpreadVol.length) {
            throw new IllegalArgumentException("logMoneyness and halfSpreadVol must have the same length");
        }
        for (int i = 1; i < logMoneyness.length; i++) {
            if (!(logMoneyness[i] > logMoneyness[i - 1])) {
                throw new IllegalArgumentException("logMoneyness must be increasing at index " + i);
            }
        }
        logMoneyness = logMoneyness.clone();
        halfSpreadVol = halfSpreadVol.clone();
    }

    /**
     * The curve of one expiry's smile quotes, given by increasing log-moneyness: quotes without a half-spread
     * {@code >= 0} (one-sided) are left out, and of quotes at one k the first is kept. Ingest and re-gridding both
     * build curves here, so a re-gridded surface carries the spreads of the stored one.
     */
    public static HalfSpreadCurve ofQuotes(double[] logMoneyness, double[] halfSpreadVol) {
        double[] k = new double[logMoneyness.length];
        double[] hs = new double[logMoneyness.length];
        int n = 0;
        for (int i = 0; i < logMoneyness.length; i++) {
            if (!(halfSpreadVol[i] >= 0) || (n > 0 && !(logMoneyness[i] > k[n - 1]))) {
                continue;
            }
            k[n] = logMoneyness[i];
            hs[n] = halfSpreadVol[i];
            n++;
        }
        return new HalfSpreadCurve(Arrays.copyOf(k, n), Arrays.copyOf(hs, n));
    }

    /** A curve with no two-sided quotes: reads NaN everywhere. */
    public static HalfSpreadCurve none() {
        return new HalfSpreadCurve(new double[0], new double[0]);
    }

    /** The half-spread at {@code k}; NaN outside the two-sided quotes. */
    public double at(double k) {
        int n = logMoneyness.length;
        if (n == 0 || k < logMoneyness[0] || k > logMoneyness[n - 1]) {
            return Double.NaN;
        }
        int i = Arrays.binarySearch(logMoneyness, k);
        if (i >= 0) {
            return halfSpreadVol[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double u = (k - logMoneyness[lo]) / (logMoneyness[hi] - logMoneyness[lo]);
        return (1 - u) * halfSpreadVol[lo] + u * halfSpreadVol[hi];
    }

    @Override
    public double[] logMoneyness() {
        return logMoneyness.clone();
    }

    @Override
    public double[] halfSpreadVol() {
        return halfSpreadVol.clone();
    }
}
