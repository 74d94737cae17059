package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.ForecasterSettings;
import io.volsurf.forecaster.model.ForecasterConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and {@code --set key=value}, for the commands that train forecasters ({@code train},
 * {@code ablate}); resolved with {@link ForecasterSettings}: {@code --set}, then the file, then
 * {@code volsurf.forecaster.*} settings, then the defaults.
 */
public final class ForecasterConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Model config (.properties or .json).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key (repeatable).")
    List<String> overrides = new ArrayList<>();

    /** The configuration with {@code before} applied first, so that the command line's --set wins over it. */
    ForecasterConfig resolve(Config appConfig, List<String> before, List<String> after) {
        List<String> all = new ArrayList<>(before);
        all.addAll(overrides);
        all.addAll(after);
        return ForecasterSettings.resolve(appConfig, config, all);
    }
}
