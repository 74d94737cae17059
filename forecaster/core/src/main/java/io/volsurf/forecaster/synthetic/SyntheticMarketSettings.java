package io.volsurf.forecaster.synthetic;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generated market's parameters by snake_case key ({@code --set key=value} of {@code generate} and {@code demo}):
 * every field of {@link SyntheticMarketConfig} but the tickers, start, days and seed (those are flags), and every
 * field of {@link MarketEffects}.
 */
public final class SyntheticMarketSettings {

    /** The keys {@link #apply} knows, in the order of {@code --help}. */
    public static final List<String> KEYS = List.of("spot0", "variance0", "long_run_variance", "kappa",
            "vol_of_variance", "leverage", "rate", "dividend_yield", "term_decay_per_year", "mean_skew", "mean_eta",
            "half_spread_vol", "missing_strike_probability", "bad_rows_per_session", "common_factor_share",
            "weekend_weight", "event_every_sessions", "event_variance", "quote_noise_vol", "slice_noise_vol");

    private SyntheticMarketSettings() {
    }

    /**
     * {@code base} with the settings applied in order.
     *
     * @throws IllegalArgumentException naming the key when a key is unknown, a value does not parse, or the result is
     *                                  not a valid market
     */
    public static SyntheticMarketConfig apply(SyntheticMarketConfig base, Map<String, String> settings) {
        double spot0 = base.spot0();
        double variance0 = base.variance0();
        double longRunVariance = base.longRunVariance();
        double kappa = base.kappa();
        double volOfVariance = base.volOfVariance();
        double leverage = base.leverage();
        double rate = base.rate();
        double dividendYield = base.dividendYield();
        double termDecay = base.termDecayPerYear();
        double meanSkew = base.meanSkew();
        double meanEta = base.meanEta();
        double halfSpreadVol = base.halfSpreadVol();
        double missing = base.missingStrikeProbability();
        int badRows = base.badRowsPerSession();
        MarketEffects fx = base.effects();
        double share = fx.commonFactorShare();
        double weekend = fx.weekendWeight();
        int eventEvery = fx.eventEverySessions();
        double eventVariance = fx.eventVariance();
        double quoteNoise = fx.quoteNoiseVol();
        double sliceNoise = fx.sliceNoiseVol();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT).replace('-', '_');
            String value = e.getValue().trim();
            switch (key) {
                case "spot0" -> spot0 = number(key, value);
                case "variance0" -> variance0 = number(key, value);
                case "long_run_variance" -> longRunVariance = number(key, value);
                case "kappa" -> kappa = number(key, value);
                case "vol_of_variance" -> volOfVariance = number(key, value);
                case "leverage" -> leverage = number(key, value);
                case "rate" -> rate = number(key, value);
                case "dividend_yield" -> dividendYield = number(key, value);
                case "term_decay_per_year" -> termDecay = number(key, value);
                case "mean_skew" -> meanSkew = number(key, value);
                case "mean_eta" -> meanEta = number(key, value);
                case "half_spread_vol" -> halfSpreadVol = number(key, value);
                case "missing_strike_probability" -> missing = number(key, value);
                case "bad_rows_per_session" -> badRows = integer(key, value);
                case "common_factor_share" -> share = number(key, value);
                case "weekend_weight" -> weekend = number(key, value);
                case "event_every_sessions" -> eventEvery = integer(key, value);
                case "event_variance" -> eventVariance = number(key, value);
                case "quote_noise_vol" -> quoteNoise = number(key, value);
                case "slice_noise_vol" -> sliceNoise = number(key, value);
                case "tickers", "days", "seed", "start" -> throw new IllegalArgumentException("--set " + key
                        + ": use the --" + key + " option");
                default -> throw new IllegalArgumentException("--set " + e.getKey() + ": unknown market key; known: "
                        + String.join(", ", KEYS));
            }
        }
        try {
            return new SyntheticMarketConfig(base.tickers(), base.start(), base.days(), base.seed(), spot0, variance0,
                    longRunVariance, kappa, volOfVariance, leverage, rate, dividendYield, termDecay, meanSkew, meanEta,
                    halfSpreadVol, missing, badRows,
                    new MarketEffects(share, weekend, eventEvery, eventVariance, quoteNoise, sliceNoise));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--set: " + ex.getMessage(), ex);
        }
    }

    private static double number(String key, String value) {
        try {
            double v = Double.parseDouble(value);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--set " + key + "=" + value + ": not a number");
        }
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--set " + key + "=" + value + ": not an integer");
        }
    }
}
