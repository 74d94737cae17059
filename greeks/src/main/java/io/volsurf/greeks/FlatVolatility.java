package io.volsurf.greeks;

/** The same Black volatility (decimal) for every maturity and strike. */
public record FlatVolatility(double vol) implements VolatilitySource {
    public FlatVolatility {
        InputChecks.positive(vol, "vol");
    }

    @Override
    public double volatility(double maturityYears, double strike) {
        return vol;
    }
}
