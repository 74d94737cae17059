package io.volsurf.backtest.forecasting;

import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.ForecasterConfigFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * The forecaster's configuration, by precedence: {@code --set key=value}, then {@code --grid-spec FILE} (the grid
 * keys grid_tenors, grid_knots, grid_moneyness), then {@code --config FILE} (properties or JSON), then
 * {@code volsurf.forecaster.*} in application.properties or the environment
 * (e.g. {@code VOLSURF_FORECASTER_INFORMER_MODE=true}), then the built-in defaults. Keys are the design's
 * names: use_svi_head, use_grid_head, informer_mode, loss_weights.noarb, features, N, ...
 */
public final class ForecasterSettings {
    private static final String PREFIX = "volsurf.forecaster.";

    private ForecasterSettings() {
    }

    public static ForecasterConfig resolve(Config appConfig, Path configFile, List<String> overrides) {
        return resolve(appConfig, configFile, null, overrides);
    }

    /** As {@link #resolve(Config, Path, List)} with a grid file ({@link GridRequest#readFile}) between the two. */
    public static ForecasterConfig resolve(Config appConfig, Path configFile, Path gridSpecFile,
            List<String> overrides) {
        Properties p = new Properties();
        for (String name : appConfig.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                appConfig.getOptionalValue(name, String.class).ifPresent(v -> p.setProperty(name.substring(PREFIX.length()), v));
            }
        }
        return ForecasterConfigFiles.resolve(p, configFile,
                gridSpecFile == null ? Map.of() : GridRequest.readFile(gridSpecFile), overrides);
    }

}
