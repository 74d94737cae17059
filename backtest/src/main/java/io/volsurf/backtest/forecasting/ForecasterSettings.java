package io.volsurf.backtest.forecasting;

import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.ForecasterConfigFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * The forecaster's configuration, by precedence: {@code --set key=value}, then {@code --config FILE}
 * (properties or JSON), then {@code volsurf.forecaster.*} in application.properties or the environment
 * (e.g. {@code VOLSURF_FORECASTER_INFORMER_MODE=true}), then the built-in defaults. Keys are the seed's
 * names: use_svi_head, use_grid_head, informer_mode, loss_weights.noarb, features, N, ...
 */
public final class ForecasterSettings {
    private static final String PREFIX = "volsurf.forecaster.";

    private ForecasterSettings() {
    }

    public static ForecasterConfig resolve(Config appConfig, Path configFile, List<String> overrides) {
        Properties p = new Properties();
        for (String name : appConfig.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                appConfig.getOptionalValue(name, String.class).ifPresent(v -> p.setProperty(name.substring(PREFIX.length()), v));
            }
        }
        return ForecasterConfigFiles.resolve(p, configFile, overrides);
    }
}
