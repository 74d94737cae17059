package io.volsurf.forecaster.model;

import static io.volsurf.forecaster.model.OwnedArrays.div;
import static io.volsurf.forecaster.model.OwnedArrays.maximum;
import static io.volsurf.forecaster.model.OwnedArrays.minimum;
import static io.volsurf.forecaster.model.OwnedArrays.mul;
import static io.volsurf.forecaster.model.OwnedArrays.pow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The deterministic, differentiable SVI layer: raw SVI parameters per tenor to total variance on that tenor's cells,
 * {@code w(k) = a + b (rho (k - m) + sqrt((k - m)^2 + sigma^2))}, and Durrleman's butterfly function {@code g(k)}.
 */
public final class SviLayer {

    /** Floor of w inside g, where it divides; with the caps below no intermediate overflows in float32. */
    private static final float W_FLOOR = 1e-6f;
    private static final float RATIO_CAP = 1e3f;

    private SviLayer() {
    }

    /**
     * @param params {@code (B, M, 5)} raw SVI parameters a, b, rho, m, sigma
     * @param k      {@code (B, M, K)} log-moneyness of each tenor's cells
     * @return {@code (B, M, K)} total variance
     */
    public static NDArray totalVariance(NDArray params, NDArray k) {
        NDList p = params.split(5, params.getShape().dimension() - 1); // one op instead of five index parses and slices
        NDArray a = p.get(0);
        NDArray b = p.get(1);
        NDArray rho = p.get(2);
        NDArray m = p.get(3);
        NDArray sigma = p.get(4);
        NDArray x = k.sub(m);
        return a.add(b.mul(rho.mul(x).add(x.square().add(sigma.square()).sqrt())));
    }

    /**
     * Durrleman's {@code g(k) = (1 - k w'/(2w))^2 - w'^2/4 (1/w + 1/4) + w''/2}; {@code g >= 0} everywhere means no
     * butterfly arbitrage.
     */
    public static NDArray durrlemanG(NDArray params, NDArray k) {
        NDList p = params.split(5, params.getShape().dimension() - 1); // one op instead of five index parses and slices
        NDArray a = p.get(0);
        NDArray b = p.get(1);
        NDArray rho = p.get(2);
        NDArray m = p.get(3);
        NDArray sigma = p.get(4);
        NDArray x = k.sub(m);
        NDArray r = x.square().add(sigma.square()).sqrt();
        NDArray w = maximum(a.add(b.mul(rho.mul(x).add(r))), W_FLOOR);
        NDArray w1 = b.mul(rho.add(x.div(r)));
        NDArray w2 = b.mul(sigma.square()).div(pow(r, 3f));
        NDArray first = k.mul(w1).div(mul(w, 2f)).clip(-RATIO_CAP, RATIO_CAP).neg().add(1).square();
        NDArray second = div(minimum(w1.square(), RATIO_CAP), 4f).mul(pow(w, -1f).add(0.25));
        return first.sub(second).add(div(w2, 2f));
    }
}
