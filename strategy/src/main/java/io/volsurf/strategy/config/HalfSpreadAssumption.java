package io.volsurf.strategy.config;

import java.util.Locale;

/**
 * The half bid-ask spread assumed where the data has no bid or ask (the US data has last prices only), as a
 * fraction of the option price that grows with distance from the money and moves with tenor (far OTM options
 * quote wider relative to their price; short-dated ones too, with a negative tenor slope):
 *
 * <pre>
 *   fraction = clamp(fraction_of_price + per_abs_log_moneyness x |ln(K/F)| + per_year_to_expiry x T, 0, maximum_fraction_of_price)
 *   half-spread = max(fraction x price, minimum_usd)
 * </pre>
 *
 * USD per unit of underlying; T in years (ACT/365F). With both slopes 0 (the default) it is
 * {@code max(fraction_of_price x price, minimum_usd)}.
 *
 * @param fractionOfPrice         half-spread as a fraction of the option price at the money and zero tenor
 *                                (0.02 = 2%), {@code >= 0}
 * @param minimumUsd              floor in USD per unit of underlying (e.g. half of a 0.01 tick), {@code >= 0}
 * @param perAbsLogMoneyness      fraction added per unit of {@code |ln(K/F)|} (finite, any sign)
 * @param perYearToExpiry         fraction added per year to expiry (finite, any sign)
 * @param maximumFractionOfPrice  cap on the fraction, {@code >= fractionOfPrice} and {@code < 1}
 */
public record HalfSpreadAssumption(double fractionOfPrice, double minimumUsd, double perAbsLogMoneyness,
        double perYearToExpiry, double maximumFractionOfPrice) {

    /** The default cap on the fraction: half the price (a fill never more than 50% off the mark). */
    public static final double DEFAULT_MAXIMUM_FRACTION = 0.5;

    public HalfSpreadAssumption {
        ConfigChecks.nonNegative(fractionOfPrice, "halfSpread.fractionOfPrice");
        ConfigChecks.nonNegative(minimumUsd, "halfSpread.minimumUsd");
        if (fractionOfPrice >= 1) {
            throw new IllegalArgumentException("halfSpread.fractionOfPrice must be < 1, got " + fractionOfPrice);
        }
        if (!Double.isFinite(perAbsLogMoneyness)) {
            throw new IllegalArgumentException("halfSpread.perAbsLogMoneyness must be finite, got " + perAbsLogMoneyness);
        }
        if (!Double.isFinite(perYearToExpiry)) {
            throw new IllegalArgumentException("halfSpread.perYearToExpiry must be finite, got " + perYearToExpiry);
        }
        if (!(maximumFractionOfPrice >= fractionOfPrice && maximumFractionOfPrice < 1)) {
            throw new IllegalArgumentException("halfSpread.maximumFractionOfPrice must be >= halfSpread.fractionOfPrice ("
                    + fractionOfPrice + ") and < 1, got " + maximumFractionOfPrice);
        }
    }

    /** A flat fraction of the price with a floor: no moneyness or tenor dependence. */
    public HalfSpreadAssumption(double fractionOfPrice, double minimumUsd) {
        this(fractionOfPrice, minimumUsd, 0.0, 0.0, Math.max(DEFAULT_MAXIMUM_FRACTION, fractionOfPrice));
    }

    /** The assumed fraction of the price for a contract at log-moneyness {@code ln(K/F)} and tenor (years). */
    public double fraction(double logMoneyness, double maturityYears) {
        double f = fractionOfPrice + perAbsLogMoneyness * Math.abs(logMoneyness)
                + perYearToExpiry * Math.max(maturityYears, 0.0);
        return Math.min(Math.max(f, 0.0), maximumFractionOfPrice);
    }

    /**
     * The assumed half-spread (USD per unit of underlying) of an option priced {@code priceUsd} at log-moneyness
     * {@code ln(K/F)} and {@code maturityYears} to expiry.
     */
    public double halfSpreadUsd(double priceUsd, double logMoneyness, double maturityYears) {
        return Math.max(fraction(logMoneyness, maturityYears) * priceUsd, minimumUsd);
    }

    /** True when the assumption depends on moneyness or tenor. */
    public boolean varies() {
        return perAbsLogMoneyness != 0 || perYearToExpiry != 0;
    }

    /** The sentence every report must carry when fills were modelled. */
    public String disclosure() {
        String fraction = varies()
                ? String.format(Locale.ROOT, "min(%.4g%% + %.4g%% x |ln K/F| + %.4g%% x years, %.4g%%) of price",
                        100 * fractionOfPrice, 100 * perAbsLogMoneyness, 100 * perYearToExpiry,
                        100 * maximumFractionOfPrice)
                : String.format(Locale.ROOT, "%.4g%% of price", 100 * fractionOfPrice);
        return String.format(Locale.ROOT,
                "US data: last prices only, fills modelled at price +/- assumed half-spread (max(%s, $%.4g))",
                fraction, minimumUsd);
    }
}
