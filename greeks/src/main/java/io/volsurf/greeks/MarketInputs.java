package io.volsurf.greeks;

/**
 * Market state of the underlying, without volatility (which comes from a {@link VolatilitySource}).
 *
 * @param spot          underlying price (> 0)
 * @param rate          risk-free rate, continuously compounded, per year (decimal, any sign)
 * @param dividendYield continuous dividend yield, per year (decimal, any sign)
 */
public record MarketInputs(double spot, double rate, double dividendYield) {
    public MarketInputs {
        InputChecks.positive(spot, "spot");
        InputChecks.finite(rate, "rate");
        InputChecks.finite(dividendYield, "dividendYield");
    }

    /** These market inputs with a volatility. */
    public PricingInputs withVol(double vol) {
        return new PricingInputs(spot, rate, dividendYield, vol);
    }
}
