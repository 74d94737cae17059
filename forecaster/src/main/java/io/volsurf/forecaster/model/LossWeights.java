package io.volsurf.forecaster.model;

/**
 * Weights of the training loss terms (seed section 6); a weight of 0 switches a term off.
 *
 * @param data     masked MSE/Huber on standardised total variance
 * @param noarb    Durrleman {@code g >= 0} and calendar monotonicity of the SVI head on a fine grid
 * @param temporal closeness to the carry-forward-plus-drift baseline
 * @param smooth   smoothness of the SVI update across maturities and of the grid update along k (wings)
 * @param bidAsk   forecasts outside mid +/- half-spread, where spreads exist
 */
public record LossWeights(double data, double noarb, double temporal, double smooth, double bidAsk) {

    public LossWeights {
        check("data", data);
        check("noarb", noarb);
        check("temporal", temporal);
        check("smooth", smooth);
        check("bidAsk", bidAsk);
    }

    public static LossWeights defaults() {
        return new LossWeights(1.0, 0.1, 0.02, 0.01, 0.1);
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("loss_weights." + name + " must be finite and >= 0, got " + v);
        }
    }
}
