package io.volsurf.greeks;

/**
 * Everything a Black-Scholes-Merton pricer needs besides the contract.
 *
 * @param spot          underlying price (> 0)
 * @param rate          risk-free rate, continuously compounded, per year (decimal)
 * @param dividendYield continuous dividend yield, per year (decimal)
 * @param vol           Black-Scholes volatility, per sqrt(year) (decimal, > 0; 0.2 means 20%)
 */
public record PricingInputs(double spot, double rate, double dividendYield, double vol) {
    public PricingInputs {
        InputChecks.positive(spot, "spot");
        InputChecks.finite(rate, "rate");
        InputChecks.finite(dividendYield, "dividendYield");
        InputChecks.positive(vol, "vol");
    }
}
