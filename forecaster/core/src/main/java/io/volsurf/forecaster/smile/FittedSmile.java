package io.volsurf.forecaster.smile;

import io.volsurf.forecaster.svi.SviFit;

/**
 * One expiry's smile and its butterfly-free SVI fit.
 *
 * @param smile the quotes the fit used (after outlier removal)
 * @param fit   the SVI fit, in total variance, with its RMSE in vol points and Durrleman minimum
 */
public record FittedSmile(MarketSmile smile, SviFit fit) {

    /** Smallest quoted log-moneyness in the fit. */
    public double minK() {
        return smile.points().get(0).logMoneyness();
    }

    /** Largest quoted log-moneyness in the fit. */
    public double maxK() {
        return smile.points().get(smile.size() - 1).logMoneyness();
    }

    public double maturityYears() {
        return smile.maturityYears();
    }
}
