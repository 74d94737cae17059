package io.volsurf.forecaster.model;

import io.volsurf.forecaster.iv.NormalDistribution;

/**
 * The exact (erf) GELU in double precision, {@code x Phi(x) = x (1 + erf(x / sqrt 2)) / 2}, as PyTorch's default
 * {@code gelu} (which {@link ai.djl.nn.Activation#gelu} calls), for the heads {@link FusedInference} runs in Java.
 */
final class Gelu {

    private Gelu() {
    }

    static double exact(double x) {
        return x * NormalDistribution.cdf(x);
    }
}
