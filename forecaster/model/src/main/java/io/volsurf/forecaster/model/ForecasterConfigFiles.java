package io.volsurf.forecaster.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;

/**
 * The forecaster's configuration from its sources, by precedence: {@code --set key=value}, then the grid keys of a
 * {@code --grid-spec FILE} (grid_tenors, grid_knots, grid_moneyness), then {@code --config FILE} (properties or
 * JSON), then {@code settings} (the application's {@code volsurf.forecaster.*}, prefix removed), then
 * the built-in defaults. Framework-free, so the Spark jobs resolve a config as the application does.
 */
public final class ForecasterConfigFiles {

    private ForecasterConfigFiles() {
    }

    public static ForecasterConfig resolve(Properties settings, Path configFile, List<String> overrides) {
        return resolve(settings, configFile, Map.of(), overrides);
    }

    /** @param gridSpec the grid keys read from a {@code --grid-spec} file (empty when none) */
    public static ForecasterConfig resolve(Properties settings, Path configFile, Map<String, String> gridSpec,
            List<String> overrides) {
        Properties p = new Properties();
        p.putAll(settings);
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new IllegalArgumentException("--config " + configFile + ": no such file");
            }
            if (configFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                if (!p.isEmpty() || !overrides.isEmpty() || !gridSpec.isEmpty()) {
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
        gridSpec.forEach((k, v) -> put(p, k, v));
        for (String kv : overrides) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'");
            }
            put(p, kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return ForecasterConfig.fromProperties(p);
    }

    /** Sets {@code key}, replacing the same key spelt another way (grid-tenors, gridTenors, grid_tenors). */
    private static void put(Properties p, String key, String value) {
        String same = spelling(key);
        p.stringPropertyNames().stream().filter(k -> spelling(k).equals(same)).forEach(p::remove);
        p.setProperty(key, value);
    }

    private static String spelling(String key) {
        return key.trim().replace('-', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
