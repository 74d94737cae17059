package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import io.volsurf.forecaster.svi.SviParams;

/**
 * The map from five unconstrained numbers {@code (u_a, u_b, u_rho, u_m, u_sigma)} to raw SVI parameters that
 * satisfy the constraints for any input: {@code b = softplus(u_b) >= 0}, {@code rho = 0.999 tanh(u_rho)},
 * {@code sigma = softplus(u_sigma) + 1e-4 > 0}, {@code m = u_m sigma} and a minimum total variance
 * {@code a + b sigma sqrt(1 - rho^2) = softplus(u_a) >= 0}. Softplus makes updates of {@code u} relative changes
 * for small parameters, which keeps a short tenor's tiny variance and a long tenor's on the same footing; for the
 * same reason {@code m} moves in units of the smile's width {@code sigma}: with {@code m = u_m} a step that barely
 * moves a one-year smile shifted a 7-day smile (quoted over |k| < 0.05) by several of its widths, and the SVI head
 * could not learn even a level's mean reversion (on a generated market with daily mean reversion of about 20%,
 * early stopping kept the untrained head; with the scaled m the head reaches 0.97 of carry-forward there).
 */
public final class SviConstraint {

    /** Largest |rho| the transform reaches. */
    public static final double RHO_BOUND = 0.999;
    /** Smallest sigma the transform reaches. */
    public static final double SIGMA_FLOOR = 1e-4;

    private SviConstraint() {
    }

    /** Raw parameters {@code (..., 5)} from unconstrained {@code (..., 5)}, in the order a, b, rho, m, sigma. */
    public static NDArray constrain(NDArray u) {
        ai.djl.ndarray.NDList parts = u.split(5, u.getShape().dimension() - 1); // one op instead of five index parses and slices
        NDArray ua = parts.get(0);
        NDArray ub = parts.get(1);
        NDArray ur = parts.get(2);
        NDArray um = parts.get(3);
        NDArray us = parts.get(4);
        NDArray b = Activation.softPlus(ub);
        NDArray rho = OwnedArrays.mul(ur.tanh(), (float) RHO_BOUND);
        NDArray sigma = Activation.softPlus(us).add(SIGMA_FLOOR);
        NDArray minVar = Activation.softPlus(ua);
        NDArray a = minVar.sub(b.mul(sigma).mul(rho.square().neg().add(1).sqrt()));
        return NDArrays.concat(new ai.djl.ndarray.NDList(a, b, rho, um.mul(sigma), sigma), -1);
    }

    /** The same transform in double precision. */
    public static SviParams constrain(double[] u) {
        double b = softplus(u[1]);
        double rho = RHO_BOUND * Math.tanh(u[2]);
        double sigma = softplus(u[4]) + SIGMA_FLOOR;
        double a = softplus(u[0]) - b * sigma * Math.sqrt(1 - rho * rho);
        return new SviParams(a, b, rho, u[3] * sigma, sigma);
    }

    /** The unconstrained numbers of a slice (clamped into the transform's range). */
    public static double[] unconstrain(SviParams p) {
        double b = Math.max(p.b(), 1e-10);
        double rho = Math.max(-RHO_BOUND * (1 - 1e-9), Math.min(RHO_BOUND * (1 - 1e-9), p.rho())) / RHO_BOUND;
        double sigma = Math.max(p.sigma() - SIGMA_FLOOR, 1e-10);
        double minVar = Math.max(p.a() + b * (sigma + SIGMA_FLOOR) * Math.sqrt(1 - p.rho() * p.rho()), 1e-12);
        return new double[] {inverseSoftplus(minVar), inverseSoftplus(b), 0.5 * Math.log((1 + rho) / (1 - rho)),
            p.m() / (sigma + SIGMA_FLOOR), inverseSoftplus(sigma)};
    }

    static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    static double inverseSoftplus(double y) {
        return y > 30 ? y : Math.log(Math.expm1(y));
    }
}
