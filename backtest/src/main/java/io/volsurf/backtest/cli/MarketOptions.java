package io.volsurf.backtest.cli;

import io.volsurf.forecaster.synthetic.MarketPreset;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --market NAME} and repeatable {@code --set key=value} for a generated market ({@code generate}, {@code demo}). */
public final class MarketOptions {

    @Option(names = "--market", defaultValue = "default", paramLabel = "NAME", description = "Generated market preset: "
            + "default (the demo's market), weekend (variance accrues per business day, weekend_weight 0.1), events "
            + "(a scheduled earnings-like event every 15 sessions per ticker), noisy (noisy quotes around a slowly "
            + "reverting true state). Default: ${DEFAULT-VALUE}.")
    String market;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "One generated-market parameter (repeatable, after "
            + "the preset): spot0, variance0, long_run_variance, kappa, vol_of_variance, leverage, rate, dividend_yield, "
            + "term_decay_per_year, mean_skew, mean_eta, half_spread_vol, missing_strike_probability, "
            + "bad_rows_per_session; and the switchable structure: common_factor_share (0..1, share of every ticker's "
            + "shocks common to all), weekend_weight (0..1, variance of a non-trading day relative to a session; 1 "
            + "is calendar time), event_every_sessions (0: no events), event_variance (total variance per event), "
            + "quote_noise_vol and slice_noise_vol (decimal vol noise per strike and per expiry).")
    List<String> overrides = new ArrayList<>();

    MarketPreset preset() {
        return MarketPreset.parse(market);
    }

    /** The --set keys and values in order. */
    Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : overrides) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'; keys: "
                        + String.join(", ", SyntheticMarketSettings.KEYS));
            }
            out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return out;
    }

    /** {@code base} with the preset, then the --set values, applied. */
    SyntheticMarketConfig apply(SyntheticMarketConfig base) {
        return SyntheticMarketSettings.apply(preset().applyTo(base), settings());
    }
}
