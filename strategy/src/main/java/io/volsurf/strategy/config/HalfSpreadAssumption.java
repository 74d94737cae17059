package io.volsurf.strategy.config;

/**
 * The half bid-ask spread assumed where the data has no bid or ask (the US data has last prices only):
 * {@code max(fractionOfPrice x price, minimumUsd)}, USD per unit of underlying.
 *
 * @param fractionOfPrice half-spread as a fraction of the option price (0.02 = 2%), {@code >= 0}
 * @param minimumUsd      floor in USD per unit of underlying (e.g. half of a 0.01 tick), {@code >= 0}
 */
public record HalfSpreadAssumption(double fractionOfPrice, double minimumUsd) {
    public HalfSpreadAssumption {
        ConfigChecks.nonNegative(fractionOfPrice, "halfSpread.fractionOfPrice");
        ConfigChecks.nonNegative(minimumUsd, "halfSpread.minimumUsd");
        if (fractionOfPrice >= 1) {
            throw new IllegalArgumentException("halfSpread.fractionOfPrice must be < 1, got " + fractionOfPrice);
        }
    }

    /** The assumed half-spread (USD per unit of underlying) of an option priced {@code priceUsd}. */
    public double halfSpreadUsd(double priceUsd) {
        return Math.max(fractionOfPrice * priceUsd, minimumUsd);
    }

    /** The sentence every report must carry when fills were modelled. */
    public String disclosure() {
        return String.format(java.util.Locale.ROOT,
                "US data: last prices only, fills modelled at price +/- assumed half-spread (max(%.4g%% of price, $%.4g))",
                100 * fractionOfPrice, minimumUsd);
    }
}
