package io.volsurf.backtest.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.volsurf.backtest.app.Json;
import io.volsurf.strategy.config.StrategySettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * Strategy settings from where users write them, as flat {@code key -> text} maps for
 * {@link StrategySettings#apply}: a {@code .properties} or {@code .json} file, {@code --set key=value} arguments,
 * {@code volsurf.strategy.<key>} application properties, and a stored run's {@code config} (this version's flat
 * snake_case object, or the camelCase record form with nested objects that earlier versions stored).
 */
public final class StrategySettingsFiles {
    /** Application properties that set strategy defaults, e.g. {@code volsurf.strategy.threshold_vol_points=2}. */
    public static final String PREFIX = "volsurf.strategy.";

    private StrategySettingsFiles() {
    }

    /** {@code volsurf.strategy.*} settings of the application's configuration (properties, environment). */
    public static Map<String, String> fromApplication(Config appConfig) {
        Map<String, String> out = new LinkedHashMap<>();
        if (appConfig == null) {
            return out;
        }
        for (String name : appConfig.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                appConfig.getOptionalValue(name, String.class).ifPresent(v -> out.put(name.substring(PREFIX.length()), v));
            }
        }
        return out;
    }

    /** A {@code .properties} or {@code .json} settings file; errors name the file. */
    public static Map<String, String> fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + file + ": no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".json")) {
                return flatten(Files.readString(file), "--config " + file);
            }
            if (!name.endsWith(".properties")) {
                throw new IllegalArgumentException("--config " + file + ": expected a .properties or .json file");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (String k : p.stringPropertyNames()) {
                out.put(k, p.getProperty(k));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code key=value} arguments of {@code --set}. */
    public static Map<String, String> fromArguments(List<String> keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'; valid keys: "
                        + String.join(", ", StrategySettings.keys()));
            }
            out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * A JSON object of settings as flat keys: nested objects joined with '.', camelCase names in snake_case.
     *
     * @param what names the source in errors
     */
    public static Map<String, String> flatten(String json, String what) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(what + ": expected a JSON object of settings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        flatten(root, "", out, what);
        return out;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> out, String what) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + StrategySettings.normalise(e.getKey());
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(v, key + ".", out, what);
            } else if (v.isValueNode() && !v.isNull()) {
                out.put(key, v.asText());
            } else {
                throw new IllegalArgumentException(what + ": setting " + key + " must be a number, boolean or text");
            }
        }
    }
}
