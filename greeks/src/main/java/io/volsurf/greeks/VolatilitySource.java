package io.volsurf.greeks;

/**
 * Where Black volatilities come from: a flat number, a market surface, or a forecast.
 * Implementations outside this module (forecaster, strategy) adapt their surfaces to it.
 */
@FunctionalInterface
public interface VolatilitySource {
    /**
     * Black volatility (decimal, per sqrt(year)) for an option of this maturity and strike.
     *
     * @param maturityYears time to expiry, years ACT/365F
     * @param strike        strike price
     */
    double volatility(double maturityYears, double strike);
}
