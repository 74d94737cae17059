package io.volsurf.forecaster.arbitrage;

import io.volsurf.forecaster.svi.SviParams;

/**
 * One expiry's SVI smile at its maturity, as the arbitrage checks see it.
 *
 * @param maturityYears time to expiry in years, {@code > 0}
 * @param svi           raw SVI parameters in total variance {@code w(k) = sigma_BS^2 T}
 */
public record MaturitySlice(double maturityYears, SviParams svi) {

    public MaturitySlice {
        if (!(maturityYears > 0) || Double.isInfinite(maturityYears)) {
            throw new IllegalArgumentException("maturityYears must be finite and > 0, got " + maturityYears);
        }
        if (svi == null) {
            throw new IllegalArgumentException("svi must not be null");
        }
    }
}
