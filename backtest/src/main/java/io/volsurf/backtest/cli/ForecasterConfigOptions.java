package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.ForecasterSettings;
import io.volsurf.backtest.forecasting.GridRequest;
import io.volsurf.forecaster.model.ForecasterConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, {@code --grid-spec FILE} and {@code --set key=value}, for the commands that train
 * forecasters ({@code train}, {@code ablate}, {@code evaluate --walk-forward}); resolved with
 * {@link ForecasterSettings}: {@code --set}, then the grid file, then the config file, then
 * {@code volsurf.forecaster.*} settings, then the defaults.
 */
public final class ForecasterConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Model config (.properties or .json).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key (repeatable); the grid: "
            + "grid_tenors=7,14,30,... (calendar days), grid_knots=-2,...,2, grid_moneyness=log|atm_std.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--grid-spec", paramLabel = "FILE", description = "The grid as JSON: {\"grid_tenors\": [7, 14, 30], "
            + "\"grid_knots\": [-0.2, 0, 0.2], \"grid_moneyness\": \"log\"} (or a model config.json's gridSpec "
            + "object); --set wins over it, it wins over --config.")
    Path gridSpec;

    /** The configuration with {@code before} applied first, so that the command line's --set wins over it. */
    ForecasterConfig resolve(Config appConfig, List<String> before, List<String> after) {
        List<String> all = new ArrayList<>(before);
        all.addAll(overrides);
        all.addAll(after);
        return ForecasterSettings.resolve(appConfig, config, gridSpec, all);
    }

    /**
     * The grid asked for by {@code --grid-spec} and {@code --set grid_*}, for commands whose other settings come
     * from a model; any other {@code --set} key or a {@code --config} is an error naming it.
     */
    GridRequest gridRequest(String command) {
        if (config != null) {
            throw new IllegalArgumentException("--config: " + command + " takes its settings from the model; only "
                    + "--grid-spec and --set grid_* change what it answers on");
        }
        return GridRequest.of(gridSpec, overrides);
    }

    /** Whether --set, --config or --grid-spec was given. */
    boolean given() {
        return config != null || gridSpec != null || !overrides.isEmpty();
    }
}
