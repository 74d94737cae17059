package io.volsurf.forecaster.svi;

/**
 * The quotes of one expiry as an SVI fit sees them: log-moneyness, market total variance and a weight each.
 *
 * @param maturityYears  time to expiry in years (ACT/365F), {@code > 0}
 * @param logMoneyness   {@code k_i = ln(K_i / F)}
 * @param totalVariance  market total implied variance {@code w_i = sigma_i^2 T}, {@code > 0}
 * @param weights        weight of each squared residual in total variance ({@code > 0}), e.g. vega or
 *                       1/spread; all ones when unweighted
 */
public record SviSliceQuotes(double maturityYears, double[] logMoneyness, double[] totalVariance, double[] weights) {

    /** Fewer quotes than parameters leave the SVI slice undetermined. */
    public static final int MIN_QUOTES = 5;

    public SviSliceQuotes {
        if (!(maturityYears > 0) || Double.isInfinite(maturityYears)) {
            throw new IllegalArgumentException("maturityYears must be finite and > 0, got " + maturityYears);
        }
        if (logMoneyness == null || totalVariance == null || weights == null) {
            throw new IllegalArgumentException("logMoneyness, totalVariance and weights must not be null");
        }
        int n = logMoneyness.length;
        if (totalVariance.length != n || weights.length != n) {
            throw new IllegalArgumentException("logMoneyness (" + n + "), totalVariance (" + totalVariance.length
                    + ") and weights (" + weights.length + ") must have the same length");
        }
        if (n < MIN_QUOTES) {
            throw new IllegalArgumentException("an SVI fit needs at least " + MIN_QUOTES + " quotes, got " + n);
        }
        double kMin = Double.POSITIVE_INFINITY;
        double kMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(logMoneyness[i])) {
                throw new IllegalArgumentException("logMoneyness[" + i + "] must be finite, got " + logMoneyness[i]);
            }
            if (!(totalVariance[i] > 0) || Double.isInfinite(totalVariance[i])) {
                throw new IllegalArgumentException("totalVariance[" + i + "] must be finite and > 0, got "
                        + totalVariance[i]);
            }
            if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weights[" + i + "] must be finite and > 0, got " + weights[i]);
            }
            kMin = Math.min(kMin, logMoneyness[i]);
            kMax = Math.max(kMax, logMoneyness[i]);
        }
        if (!(kMax > kMin)) {
            throw new IllegalArgumentException("logMoneyness must hold at least two distinct strikes");
        }
        logMoneyness = logMoneyness.clone();
        totalVariance = totalVariance.clone();
        weights = weights.clone();
    }

    /** Quotes from implied vols (decimal) with equal weights. */
    public static SviSliceQuotes fromImpliedVols(double maturityYears, double[] logMoneyness, double[] impliedVols) {
        double[] w = new double[impliedVols.length];
        double[] ones = new double[impliedVols.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = impliedVols[i] * impliedVols[i] * maturityYears;
            ones[i] = 1.0;
        }
        return new SviSliceQuotes(maturityYears, logMoneyness, w, ones);
    }

    public int size() {
        return logMoneyness.length;
    }

    @Override
    public double[] logMoneyness() {
        return logMoneyness.clone();
    }

    @Override
    public double[] totalVariance() {
        return totalVariance.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    double k(int i) {
        return logMoneyness[i];
    }

    double w(int i) {
        return totalVariance[i];
    }

    double weight(int i) {
        return weights[i];
    }
}
