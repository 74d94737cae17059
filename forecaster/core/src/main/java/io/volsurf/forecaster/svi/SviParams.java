package io.volsurf.forecaster.svi;

/**
 * Raw SVI parameters of one expiry's smile (Gatheral 2004): total implied variance
 * {@code w(k) = a + b (rho (k - m) + sqrt((k - m)^2 + sigma^2))} at log-moneyness {@code k = ln(K/F)}.
 *
 * @param a     level of total variance (years x vol^2)
 * @param b     slope of the wings, {@code b >= 0}
 * @param rho   skew, {@code |rho| < 1}
 * @param m     horizontal shift in log-moneyness
 * @param sigma curvature at the vertex, {@code sigma > 0}
 */
public record SviParams(double a, double b, double rho, double m, double sigma) implements java.io.Serializable {

    public SviParams {
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(rho) && Double.isFinite(m)
                && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("SVI parameters must be finite: " + a + "," + b + "," + rho + ","
                    + m + "," + sigma);
        }
        if (b < 0 || Math.abs(rho) >= 1 || sigma <= 0) {
            throw new IllegalArgumentException("SVI parameters outside b >= 0, |rho| < 1, sigma > 0: b=" + b
                    + " rho=" + rho + " sigma=" + sigma);
        }
    }

    /** Total implied variance {@code w(k) = sigma_BS(k)^2 T} at log-moneyness {@code k}. */
    public double totalVariance(double k) {
        double x = k - m;
        return a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
    }

    /** First derivative {@code dw/dk = b (rho + (k - m) / sqrt((k - m)^2 + sigma^2))}. */
    public double firstDerivative(double k) {
        double x = k - m;
        return b * (rho + x / Math.sqrt(x * x + sigma * sigma));
    }

    /** Second derivative {@code d2w/dk2 = b sigma^2 / ((k - m)^2 + sigma^2)^(3/2)}. */
    public double secondDerivative(double k) {
        double x = k - m;
        double r2 = x * x + sigma * sigma;
        return b * sigma * sigma / (r2 * Math.sqrt(r2));
    }

    /**
     * Durrleman's function {@code g(k) = (1 - k w'/(2w))^2 - (w'^2/4)(1/w + 1/4) + w''/2}: the density of
     * the terminal distribution is {@code g(k)/sqrt(2 pi w) exp(-d2^2/2)}, so the slice is free of butterfly
     * arbitrage exactly when {@code g >= 0} everywhere. Where {@code w(k) <= 0} the slice is not a smile at
     * all and this returns negative infinity.
     */
    public double durrlemanG(double k) {
        double x = k - m;
        double root = Math.sqrt(x * x + sigma * sigma);
        double w = a + b * (rho * x + root);
        if (!(w > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double w1 = b * (rho + x / root);
        double w2 = b * sigma * sigma / (root * root * root);
        double u = 1 - k * w1 / (2 * w);
        return u * u - 0.25 * w1 * w1 * (1 / w + 0.25) + 0.5 * w2;
    }

    /** Implied volatility (decimal) at log-moneyness {@code k} for maturity {@code maturityYears}: {@code sqrt(w/T)}. */
    public double impliedVol(double k, double maturityYears) {
        return Math.sqrt(Math.max(totalVariance(k), 0.0) / maturityYears);
    }

    /** Asymptotic wing slopes {@code b (1 -/+ rho)}; Lee's moment formula needs both {@code <= 2}. */
    public double maxWingSlope() {
        return b * (1 + Math.abs(rho));
    }

    /** The minimum total variance of the slice, {@code a + b sigma sqrt(1 - rho^2)}; must be >= 0. */
    public double minimumTotalVariance() {
        return a + b * sigma * Math.sqrt(1 - rho * rho);
    }
}
