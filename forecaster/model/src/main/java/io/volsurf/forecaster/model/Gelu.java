package io.volsurf.forecaster.model;

/**
 * The exact (erf) GELU in double precision, {@code x Phi(x) = x (1 + erf(x / sqrt 2)) / 2}, as PyTorch's default
 * {@code gelu} (which {@link ai.djl.nn.Activation#gelu} calls), for the heads {@link FusedInference} runs in Java.
 */
final class Gelu {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Gelu() {
    }

    static double exact(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf to about 1e-15: Maclaurin series below 2.5, the continued fraction of erfc above. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            // sum (-1)^n x^(2n+1) / (n! (2n+1)); the largest term is below 20, so little is lost to cancellation
            double x2 = ax * ax;
            double power = ax;
            double sum = ax;
            for (int n = 1; n < 100; n++) {
                power *= -x2 / n;
                double term = power / (2 * n + 1);
                sum += term;
                if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = TWO_OVER_SQRT_PI * sum;
        } else if (ax < 6) {
            // erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated from the tail
            double t = ax;
            for (int j = 80; j >= 1; j--) {
                t = ax + (j / 2.0) / t;
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / t;
        } else {
            r = 1; // erfc(6) < 3e-17
        }
        return x < 0 ? -r : r;
    }
}
