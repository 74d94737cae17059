package io.volsurf.forecaster.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The forecaster's configuration from its sources, by precedence: {@code --set key=value}, then {@code --config FILE}
 * (properties or JSON), then {@code settings} (the application's {@code volsurf.forecaster.*}, prefix removed), then
 * the built-in defaults. Framework-free, so the Spark jobs resolve a config as the application does.
 */
public final class ForecasterConfigFiles {

    private ForecasterConfigFiles() {
    }

    public static ForecasterConfig resolve(Properties settings, Path configFile, List<String> overrides) {
        Properties p = new Properties();
        p.putAll(settings);
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new IllegalArgumentException("--config " + configFile + ": no such file");
            }
            if (configFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                if (!p.isEmpty() || !overrides.isEmpty()) {
                    throw new IllegalArgumentException("--config " + configFile + ": a JSON config is complete; use a "
                            + ".properties file to combine it with --set or volsurf.forecaster.* settings");
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
        for (String kv : overrides) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'");
            }
            p.setProperty(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return ForecasterConfig.fromProperties(p);
    }
}
