package io.volsurf.backtest.forecasting;

import io.volsurf.forecaster.model.ForecasterConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new IllegalArgumentException("--config " + configFile + ": no such file");
            }
            if (configFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                if (!p.isEmpty() || !overrides.isEmpty() || gridSpecFile != null) {
                    throw new IllegalArgumentException("--config " + configFile + ": a JSON config is complete; use a "
                            + ".properties file to combine it with --set, --grid-spec or volsurf.forecaster.* settings");
                }
                try {
                    return ForecasterConfig.fromJson(Files.readString(configFile));
                } catch (IOException e) {
                    throw new IllegalArgumentException("--config " + configFile + ": " + e.getMessage(), e);
                }
            }
            try (Reader r = Files.newBufferedReader(configFile)) {
                Properties file = new Properties();
                file.load(r);
                p.putAll(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("--config " + configFile + ": " + e.getMessage(), e);
            }
        }
        if (gridSpecFile != null) {
            GridRequest.readFile(gridSpecFile).forEach((k, v) -> put(p, k, v));
        }
        for (String kv : overrides) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'");
            }
            put(p, kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return ForecasterConfig.fromProperties(p);
    }

    /** Sets {@code key}, replacing the same key spelt another way ({@code grid-tenors}, {@code gridTenors}). */
    private static void put(Properties p, String key, String value) {
        String same = spelling(key);
        p.stringPropertyNames().stream().filter(k -> spelling(k).equals(same)).forEach(p::remove);
        p.setProperty(key, value);
    }

    private static String spelling(String key) {
        return key.trim().replace('-', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
