package io.volsurf.backtest.cli;

import io.volsurf.backtest.runner.StrategySettingsFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and repeatable {@code --set key=value} for the strategy settings of {@code backtest}, with
 * the precedence {@code train} uses: {@code volsurf.strategy.*} application properties, then the file, then
 * {@code --set} (the later wins). Keys are the snake_case names of {@code StrategyConfig}'s fields
 * ({@code StrategySettings.keys()}).
 */
public final class StrategyConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Strategy settings (.properties or .json, keys as for --set).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "One strategy setting (repeatable), e.g. threshold_vol_points=1.5, american_engine=fd, "
                    + "exercise_style=european, commission_per_contract_usd=0.5, half_spread.fraction_of_price=0.03.")
    List<String> overrides = new ArrayList<>();

    /**
     * The settings by key in precedence order (later wins).
     *
     * @param appConfig the application's configuration, or null to take only what the command line gave
     */
    public Map<String, String> settings(Config appConfig) {
        Map<String, String> out = new LinkedHashMap<>(StrategySettingsFiles.fromApplication(appConfig));
        if (config != null) {
            out.putAll(StrategySettingsFiles.fromFile(config));
        }
        out.putAll(StrategySettingsFiles.fromArguments(overrides));
        return normalised(out);
    }

    private static Map<String, String> normalised(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(io.volsurf.strategy.config.StrategySettings.normalise(k), v));
        return out;
    }
}
