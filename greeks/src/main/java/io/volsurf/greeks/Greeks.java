package io.volsurf.greeks;

/**
 * Price and sensitivities of one option, in QuantLib's conventions.
 *
 * @param price value in the underlying's currency
 * @param delta dV/dS
 * @param gamma d2V/dS2, per unit of spot
 * @param vega  dV/dvol per unit of volatility (1.0 = 100 vol points)
 * @param theta dV/dt per year of calendar time passing (= -dV/dT)
 * @param rho   dV/dr per unit of rate (1.0 = 10,000 bp)
 */
public record Greeks(double price, double delta, double gamma, double vega, double theta, double rho) {
}
