package io.volsurf.backtest.forecasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.GridSpecKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The grid a user asks for, as {@code grid_tenors}, {@code grid_knots} and {@code grid_moneyness} settings (each null
 * when not given), applied over a base grid: the default for training, the model's for {@code evaluate} and
 * {@code forecast}. Values are checked when the request is made, so a bad one is refused before any database or
 * model is opened.
 */
public record GridRequest(String tenors, String knots, String moneyness) {

    /** No grid setting: the base grid. */
    public static final GridRequest NONE = new GridRequest(null, null, null);

    public GridRequest {
        if (tenors != null) {
            GridSpecKeys.tenors(tenors);
        }
        if (knots != null) {
            GridSpecKeys.knots(knots);
        }
        if (moneyness != null) {
            GridSpecKeys.scaling(moneyness);
        }
        GridSpecKeys.requireKnotsWithMoneyness(knots, moneyness);
    }

    public boolean isEmpty() {
        return tenors == null && knots == null && moneyness == null;
    }

    /** {@code base} with the request applied. */
    public GridSpec on(GridSpec base) {
        return isEmpty() ? base : GridSpecKeys.apply(base, tenors, knots, moneyness);
    }

    /** The request as settings ({@code grid_tenors=...}), the given ones only. */
    public Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        if (tenors != null) {
            out.put(GridSpecKeys.TENORS, tenors);
        }
        if (knots != null) {
            out.put(GridSpecKeys.KNOTS, knots);
        }
        if (moneyness != null) {
            out.put(GridSpecKeys.MONEYNESS, moneyness);
        }
        return out;
    }

    /**
     * {@code --grid-spec FILE} (may be null), then {@code --set key=value} over it; {@code --set} takes the grid keys
     * only (for commands whose other settings come from a model).
     */
    public static GridRequest of(Path gridSpecFile, List<String> sets) {
        Map<String, String> s = gridSpecFile == null ? new LinkedHashMap<>() : readFile(gridSpecFile);
        List<String> others = new ArrayList<>();
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'");
            }
            String key = kv.substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!GridSpecKeys.ALL.contains(key)) {
                others.add(kv.substring(0, eq).trim());
                continue;
            }
            s.put(key, kv.substring(eq + 1).trim());
        }
        if (!others.isEmpty()) {
            throw new IllegalArgumentException("--set " + String.join(", ", others) + ": only "
                    + String.join(", ", GridSpecKeys.ALL) + " can be set here (the model's config.json gives the "
                    + "rest)");
        }
        return new GridRequest(s.get(GridSpecKeys.TENORS), s.get(GridSpecKeys.KNOTS), s.get(GridSpecKeys.MONEYNESS));
    }

    /**
     * A grid file: one JSON object with the settings' names ({@code "grid_tenors": [7, 14, 30]}, {@code "grid_knots"},
     * {@code "grid_moneyness": "log"}) or the names a model's {@code config.json} records its grid with
     * ({@code "tenorsDays"}, {@code "knots"}, {@code "scaling": "ATM_STD"}); values are arrays or comma-separated
     * strings. Returns the settings given, by setting name; any error names the file and the key.
     */
    public static Map<String, String> readFile(Path file) {
        String where = "--grid-spec " + file;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + ": no such file");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not a JSON object (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = switch (e.getKey()) {
                case "grid_tenors", "tenorsDays" -> GridSpecKeys.TENORS;
                case "grid_knots", "knots" -> GridSpecKeys.KNOTS;
                case "grid_moneyness", "scaling" -> GridSpecKeys.MONEYNESS;
                default -> throw new IllegalArgumentException(where + ": unknown key '" + e.getKey() + "' (use "
                        + String.join(", ", GridSpecKeys.ALL) + ")");
            };
            if (out.containsKey(key)) {
                throw new IllegalArgumentException(where + ": " + key + " is given twice");
            }
            out.put(key, text(where, e.getKey(), e.getValue()));
        }
        try {
            // each value on its own: --set may complete the file (its knots for the file's moneyness)
            if (out.containsKey(GridSpecKeys.TENORS)) {
                GridSpecKeys.tenors(out.get(GridSpecKeys.TENORS));
            }
            if (out.containsKey(GridSpecKeys.KNOTS)) {
                GridSpecKeys.knots(out.get(GridSpecKeys.KNOTS));
            }
            if (out.containsKey(GridSpecKeys.MONEYNESS)) {
                GridSpecKeys.scaling(out.get(GridSpecKeys.MONEYNESS));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String text(String where, String key, JsonNode v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode x : v) {
                if (!x.isValueNode()) {
                    throw new IllegalArgumentException(where + ": " + key + " must hold numbers, got " + v);
                }
                parts.add(x.asText());
            }
            return String.join(",", parts);
        }
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        throw new IllegalArgumentException(where + ": " + key + " must be an array or a string, got " + v);
    }
}
