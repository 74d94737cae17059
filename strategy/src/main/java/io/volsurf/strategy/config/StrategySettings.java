package io.volsurf.strategy.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@link StrategyConfig} as flat {@code snake_case} settings: the keys of {@code backtest --set key=value}, of a
 * {@code --config} file and of a stored run's {@code config} column. The keys are derived from the record's
 * components by reflection (a nested record such as {@code halfSpread} gives {@code half_spread.fraction_of_price}),
 * so a field added to the record is settable and stored without touching this class.
 *
 * <p>Values: numbers as Java parses them, booleans as true/false, enum constants case-insensitive with '-' or '_'.
 * Every error names the key (and lists the valid keys for an unknown one).
 */
public final class StrategySettings {

    private StrategySettings() {
    }

    /** Every settable key, in the record's component order. */
    public static List<String> keys() {
        List<String> out = new ArrayList<>();
        collectKeys(StrategyConfig.class, "", out);
        return List.copyOf(out);
    }

    private static void collectKeys(Class<?> type, String prefix, List<String> out) {
        for (RecordComponent rc : type.getRecordComponents()) {
            String key = prefix + snake(rc.getName());
            if (rc.getType().isRecord()) {
                collectKeys(rc.getType(), key + ".", out);
            } else {
                out.add(key);
            }
        }
    }

    /** The config's settings by key, typed for JSON: Double, Integer, Boolean or the enum constant's lower-case name. */
    public static Map<String, Object> values(StrategyConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        collectValues(config, "", out);
        return out;
    }

    private static void collectValues(Record r, String prefix, Map<String, Object> out) {
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            Object v = read(rc, r);
            String key = prefix + snake(rc.getName());
            if (v instanceof Record nested) {
                collectValues(nested, key + ".", out);
            } else if (v instanceof Enum<?> e) {
                out.put(key, e.name().toLowerCase(Locale.ROOT));
            } else {
                out.put(key, v);
            }
        }
    }

    /** The settings as text, for messages and tables. */
    public static Map<String, String> text(StrategyConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        values(config).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** The config as one flat JSON object (keys as {@link #keys()}): what a stored run keeps. */
    public static String toJson(StrategyConfig config) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values(config).entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof Double d && !Double.isFinite(d)) {
                sb.append('"').append(d).append('"');
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else {
                sb.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }

    /**
     * {@code base} with the given settings applied. Keys may be snake_case (the documented form) or camelCase.
     *
     * @throws IllegalArgumentException naming the key: unknown key (with the valid keys), a value that does not
     *                                  parse, or a config the record rejects
     */
    public static StrategyConfig apply(StrategyConfig base, Map<String, String> settings) {
        Objects.requireNonNull(base, "base");
        Map<String, String> byKey = new LinkedHashMap<>();
        List<String> valid = keys();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = normalise(e.getKey());
            if (!valid.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'; valid keys: "
                        + String.join(", ", valid));
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("setting " + key + " has no value");
            }
            byKey.put(key, e.getValue().trim());
        }
        try {
            return (StrategyConfig) build(base, "", byKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(inSnakeCase(e.getMessage()), e);
        }
    }

    /** A key as written by a user or an older stored run, in the documented form. */
    public static String normalise(String key) {
        String k = key.trim();
        StringBuilder out = new StringBuilder();
        for (String part : k.split("\\.", -1)) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(snake(part).replace('-', '_'));
        }
        return out.toString();
    }

    /**
     * The settings where two configs differ, each as {@code key: stored X, given Y} (labels as given).
     */
    public static List<String> differences(StrategyConfig a, StrategyConfig b, String labelA, String labelB) {
        Map<String, String> x = text(a);
        Map<String, String> y = text(b);
        List<String> out = new ArrayList<>();
        for (String k : x.keySet()) {
            if (!Objects.equals(x.get(k), y.get(k))) {
                out.add(k + ": " + labelA + " " + x.get(k) + ", " + labelB + " " + y.get(k));
            }
        }
        return out;
    }

    private static Record build(Record base, String prefix, Map<String, String> settings) {
        RecordComponent[] rcs = base.getClass().getRecordComponents();
        Object[] args = new Object[rcs.length];
        boolean changed = false;
        for (int i = 0; i < rcs.length; i++) {
            RecordComponent rc = rcs[i];
            String key = prefix + snake(rc.getName());
            Object current = read(rc, base);
            if (rc.getType().isRecord()) {
                args[i] = build((Record) current, key + ".", settings);
            } else if (settings.containsKey(key)) {
                args[i] = parse(rc.getType(), key, settings.get(key));
            } else {
                args[i] = current;
            }
            changed |= !Objects.equals(args[i], current);
        }
        if (!changed) {
            return base;
        }
        Class<?>[] types = Arrays.stream(rcs).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> c = base.getClass().getDeclaredConstructor(types);
            return (Record) c.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(Class<?> type, String key, String text) {
        try {
            if (type == double.class) {
                double d = Double.parseDouble(text);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            }
            if (type == int.class) {
                return Integer.parseInt(text);
            }
            if (type == boolean.class) {
                String t = text.toLowerCase(Locale.ROOT);
                if (!t.equals("true") && !t.equals("false")) {
                    throw new IllegalArgumentException("setting " + key + ": expected true or false, got '" + text + "'");
                }
                return Boolean.parseBoolean(t);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + ": expected a finite " + type.getSimpleName()
                    + ", got '" + text + "'");
        }
        if (type.isEnum()) {
            String t = text.trim().replace('-', '_');
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equalsIgnoreCase(t)) {
                    return c;
                }
            }
            Object alias = byAlias(type, text.trim());
            if (alias != null) {
                return alias;
            }
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("setting " + key + ": expected one of " + String.join(", ", names)
                    + ", got '" + text + "'");
        }
        throw new IllegalStateException("setting " + key + ": unsupported type " + type);
    }

    /** An enum's own {@code static parse(String)} where it has one (other accepted names); null when it refuses. */
    private static Object byAlias(Class<?> type, String text) {
        try {
            java.lang.reflect.Method parse = type.getMethod("parse", String.class);
            if (!java.lang.reflect.Modifier.isStatic(parse.getModifiers()) || parse.getReturnType() != type) {
                return null;
            }
            return parse.invoke(null, text);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static Object read(RecordComponent rc, Record r) {
        try {
            return rc.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** camelCase to snake_case ("vegaBudgetPerTradeUsd" to "vega_budget_per_trade_usd"). */
    public static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && camel.charAt(i - 1) != '_') {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The record's messages name fields in camelCase; the user typed snake_case keys. */
    private static String inSnakeCase(String message) {
        if (message == null) {
            return "invalid strategy settings";
        }
        List<String> names = new ArrayList<>();
        collectNames(StrategyConfig.class, names);
        names.sort(Comparator.comparingInt(String::length).reversed());
        String m = message;
        for (String n : names) {
            m = m.replaceAll("\\b" + n + "\\b", snake(n));
        }
        return m;
    }

    private static void collectNames(Class<?> type, List<String> out) {
        for (RecordComponent rc : type.getRecordComponents()) {
            out.add(rc.getName());
            if (rc.getType().isRecord()) {
                collectNames(rc.getType(), out);
            }
        }
    }
}
