package io.volsurf.forecaster.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user's grid as three settings: {@code grid_tenors} (calendar days, comma separated, increasing),
 * {@code grid_knots} (moneyness knots, comma separated, increasing) and {@code grid_moneyness} ({@code log} for
 * log-moneyness {@code k = ln(K/F)}, {@code atm_std} for ATM standard deviations, {@code sqrt_t} for
 * {@code k / sqrt(T)}). Every error names the key and the value it could not use.
 */
public final class GridSpecKeys {

    public static final String TENORS = "grid_tenors";
    public static final String KNOTS = "grid_knots";
    public static final String MONEYNESS = "grid_moneyness";

    /** The three keys, in the order the docs list them. */
    public static final List<String> ALL = List.of(TENORS, KNOTS, MONEYNESS);

    private GridSpecKeys() {
    }

    /**
     * {@code base} with the given settings applied; a null value keeps the base's. A moneyness without knots is
     * refused ({@link #requireKnotsWithMoneyness}).
     *
     * @throws IllegalArgumentException naming the key whose value is unusable
     */
    public static GridSpec apply(GridSpec base, String tenors, String knots, String moneyness) {
        requireKnotsWithMoneyness(knots, moneyness);
        int[] t = tenors == null ? base.tenorsDays() : tenors(tenors);
        double[] k = knots == null ? base.knots() : knots(knots);
        MoneynessScaling s = moneyness == null ? base.scaling() : scaling(moneyness);
        return new GridSpec(t, k, s);
    }

    /**
     * A moneyness is only given with its knots: the knots are in the unit it names, and knots of another unit
     * (the default's are ATM standard deviations: read as log-moneyness, +-2 would be +-200%) mean something else.
     */
    public static void requireKnotsWithMoneyness(String knots, String moneyness) {
        if (moneyness != null && knots == null) {
            throw new IllegalArgumentException(KNOTS + " is needed with " + MONEYNESS + "=" + moneyness.trim()
                    + ": the knots are in the unit it names");
        }
    }

    /** Calendar days, strictly increasing, each at least 1. */
    public static int[] tenors(String value) {
        List<String> parts = parts(TENORS, value);
        int[] out = new int[parts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Integer.parseInt(parts.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(TENORS + " must be whole calendar days separated by commas, got '"
                        + value.trim() + "' ('" + parts.get(i) + "' is not a whole number)");
            }
            if (out[i] < 1) {
                throw new IllegalArgumentException(TENORS + " must be at least 1 day, got " + out[i] + " in '"
                        + value.trim() + "'");
            }
            if (i > 0 && out[i] <= out[i - 1]) {
                throw new IllegalArgumentException(TENORS + " must be strictly increasing, got '" + value.trim()
                        + "' (" + out[i] + " after " + out[i - 1] + ")");
            }
        }
        return out;
    }

    /** Finite knots, strictly increasing. */
    public static double[] knots(String value) {
        List<String> parts = parts(KNOTS, value);
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Double.parseDouble(parts.get(i));
            } catch (NumberFormatException e) {
                out[i] = Double.NaN;
            }
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException(KNOTS + " must be finite numbers separated by commas, got '"
                        + value.trim() + "' ('" + parts.get(i) + "' is not)");
            }
            if (i > 0 && !(out[i] > out[i - 1])) {
                throw new IllegalArgumentException(KNOTS + " must be strictly increasing, got '" + value.trim()
                        + "' (" + parts.get(i) + " after " + parts.get(i - 1) + ")");
            }
        }
        return out;
    }

    /** {@code log}, {@code atm_std} or {@code sqrt_t}, any case; the enum names are accepted too. */
    public static MoneynessScaling scaling(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (v) {
            case "log", "log_moneyness" -> MoneynessScaling.LOG_MONEYNESS;
            case "atm_std" -> MoneynessScaling.ATM_STD;
            case "sqrt_t" -> MoneynessScaling.SQRT_T;
            default -> throw new IllegalArgumentException(MONEYNESS + " must be log, atm_std or sqrt_t, got '"
                    + (value == null ? "" : value.trim()) + "'");
        };
    }

    /** The setting's name of a scaling: {@code log}, {@code atm_std} or {@code sqrt_t}. */
    public static String name(MoneynessScaling scaling) {
        return switch (scaling) {
            case LOG_MONEYNESS -> "log";
            case ATM_STD -> "atm_std";
            case SQRT_T -> "sqrt_t";
        };
    }

    private static List<String> parts(String key, String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String p : value.split(",", -1)) {
                out.add(p.trim());
            }
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " needs at least one value, comma separated, got ''");
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(key + " has an empty entry in '" + value.trim() + "'");
        }
        return out;
    }
}
