package io.volsurf.forecaster.synthetic;

import java.util.Arrays;
import java.util.Locale;

/**
 * Named generated markets, each the demo's market with one structure of real markets switched on: what a forecaster
 * should learn there, and the baseline that knows it.
 */
public enum MarketPreset {

    /** The demo's market: fast mean reversion of the variance, nothing else. */
    DEFAULT("the demo's market: variance reverting with a half-life under two sessions"),

    /** Variance accrues per business day: a weekend carries 1.2 sessions of variance, not 3. */
    WEEKEND("the default with variance accruing per business day (weekend_weight 0.1)"),

    /** Earnings-like events every 15 sessions per ticker, visible only through the term structure. */
    EVENTS("the default with a scheduled event every 15 sessions per ticker (event_variance 0.002, a 4.5% move)"),

    /** Quotes scattered around the true smile, and a true state that reverts slowly. */
    NOISY("noisy quotes (1.5 vol points per strike, 1 per expiry) around a variance reverting slowly (kappa 10, "
            + "half-life 17 sessions; vol_of_variance 0.5)");

    private final String description;

    MarketPreset(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The lower-case name ({@code demo --market NAME}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code market} (the demo's) with this preset's structure switched on. */
    public SyntheticMarketConfig applyTo(SyntheticMarketConfig market) {
        MarketEffects none = MarketEffects.NONE;
        return switch (this) {
            case DEFAULT -> market;
            case WEEKEND -> market.withEffects(none.withWeekendWeight(0.1));
            case EVENTS -> market.withEffects(none.withEvents(15, 0.002));
            case NOISY -> market.withVarianceDynamics(10, 0.5).withEffects(none.withNoise(0.015, 0.01));
        };
    }

    /**
     * The preset named {@code name}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the known presets
     */
    public static MarketPreset parse(String name) {
        for (MarketPreset p : values()) {
            if (p.cliName().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("--market " + name + ": unknown; known: "
                + String.join(", ", Arrays.stream(values()).map(MarketPreset::cliName).toList()));
    }
}
