package io.volsurf.forecaster.model;

/**
 * Weights of the training loss terms (seed section 6); a weight of 0 switches a term off.
 *
 * @param data     masked MSE/Huber on standardised total variance
 * @param noarb    Durrleman {@code g >= 0} and calendar monotonicity of the SVI head on a fine grid
 * @param temporal closeness to the carry-forward-plus-drift baseline
 * @param smooth   smoothness of the SVI update across maturities and of the grid update along k (wings)
 * @param bidAsk     forecasts outside mid +/- half-spread, where spreads exist
 * @param correction shrinkage of the heads' correction towards the residual base (mean square of the change, in
 *                   units of each tenor's scale); 0 (the default) switches it off
 */
public record LossWeights(double data, double noarb, double temporal, double smooth, double bidAsk,
        double correction) {

    public LossWeights {
        check("data", data);
        check("noarb", noarb);
        check("temporal", temporal);
        check("smooth", smooth);
        check("bidAsk", bidAsk);
        check("correction", correction);
    }

    /** The five seed terms, without correction shrinkage. */
    public LossWeights(double data, double noarb, double temporal, double smooth, double bidAsk) {
        this(data, noarb, temporal, smooth, bidAsk, 0);
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
