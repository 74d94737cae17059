package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Fixed continuous encodings: Fourier features of a scalar ({@code x, sin(2 pi f x), cos(2 pi f x)} over octave
 * frequencies), used for maturity T (years), log-moneyness k and the calendar gap; and the sinusoidal encoding of
 * a snapshot's lag in the window.
 */
public final class ContinuousEncoding {

    /** Frequencies in cycles per unit of the encoded quantity. */
    static final float[] FREQUENCIES = {0.25f, 0.5f, 1f, 2f, 4f, 8f};

    private ContinuousEncoding() {
    }

    /** Width of {@link #fourier}'s output per encoded scalar. */
    public static int width() {
        return 1 + 2 * FREQUENCIES.length;
    }

    /** {@code (..., 1)} to {@code (..., width())}: four tensor ops whatever the number of frequencies. */
    public static NDArray fourier(NDArray x) {
        float[] angular = new float[FREQUENCIES.length];
        for (int i = 0; i < angular.length; i++) {
            angular[i] = (float) (2 * Math.PI * FREQUENCIES[i]);
        }
        NDArray arg = x.mul(OwnedArrays.create(x.getManager(), angular));
        return ai.djl.ndarray.NDArrays.concat(new NDList(x, arg.sin(), arg.cos()), -1);
    }

    /** {@code (N, D)} sinusoidal encoding of lags {@code N-1 .. 0} (the latest snapshot has lag 0). */
    public static NDArray lagEncoding(NDManager manager, int window, int dModel) {
        float[] pe = new float[window * dModel];
        for (int i = 0; i < window; i++) {
            int lag = window - 1 - i;
            for (int j = 0; j < dModel; j++) {
                double rate = Math.pow(10000, -(2 * (j / 2)) / (double) dModel);
                pe[i * dModel + j] = (float) (j % 2 == 0 ? Math.sin(lag * rate) : Math.cos(lag * rate));
            }
        }
        return OwnedArrays.create(manager, pe, new Shape(window, dModel));
    }
}
