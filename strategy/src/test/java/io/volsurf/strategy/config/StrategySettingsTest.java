package io.volsurf.strategy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every StrategyConfig field as a snake_case setting: found by reflection, settable, and read back unchanged. */
class StrategySettingsTest {

    /** Each leaf component of the record (nested records flattened) with its key and type. */
    static Map<String, Class<?>> leafTypes() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        collect(StrategyConfig.class, "", out);
        return out;
    }

    private static void collect(Class<?> type, String prefix, Map<String, Class<?>> out) {
        for (RecordComponent rc : type.getRecordComponents()) {
            String key = prefix + StrategySettings.snake(rc.getName());
            if (rc.getType().isRecord()) {
                collect(rc.getType(), key + ".", out);
            } else {
                out.put(key, rc.getType());
            }
        }
    }

    /**
     * A valid value different from the current one (null for a one-constant enum), chosen so that changing every
     * key at once still satisfies the record's cross-field checks.
     */
    public static String changed(Class<?> type, Object current) {
        if (type == double.class) {
            double d = (Double) current;
            return Double.toString(d == 0 ? 0.25 : d * 1.5);
        }
        if (type == int.class) {
            return Integer.toString((Integer) current + 1);
        }
        if (type == boolean.class) {
            return Boolean.toString(!(Boolean) current);
        }
        Object[] constants = type.getEnumConstants();
        if (constants.length < 2) {
            return null;
        }
        for (Object c : constants) {
            String name = ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT);
            if (!name.equals(current)) {
                return name;
            }
        }
        return null;
    }

    /** --set values for every key, each different from the defaults where the type allows. */
    public static Map<String, String> everyKeyChanged(StrategyConfig base) {
        Map<String, Object> values = StrategySettings.values(base);
        Map<String, String> out = new LinkedHashMap<>();
        leafTypes().forEach((k, type) -> {
            String v = changed(type, values.get(k));
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void keysAreEveryLeafComponentInSnakeCase() {
        assertEquals(List.copyOf(leafTypes().keySet()), StrategySettings.keys());
        assertTrue(StrategySettings.keys().contains("threshold_vol_points"));
        assertTrue(StrategySettings.keys().contains("american_pricing"));
        assertTrue(StrategySettings.keys().contains("commission_per_contract_usd"));
        assertTrue(StrategySettings.keys().contains("half_spread.fraction_of_price"));
        assertTrue(StrategySettings.keys().contains("exercise_style"));
        assertTrue(StrategySettings.keys().contains("american_engine"));
    }

    @Test
    void everyKeyAloneChangesItsFieldOnlyAndRoundTrips() {
        StrategyConfig base = StrategyConfig.usEquity();
        Map<String, Object> before = StrategySettings.values(base);
        int changedKeys = 0;
        for (Map.Entry<String, Class<?>> e : leafTypes().entrySet()) {
            String value = changed(e.getValue(), before.get(e.getKey()));
            if (value == null) {
                continue; // one-constant enum (hedge_option_rule): nothing else to set it to
            }
            changedKeys++;
            StrategyConfig c = StrategySettings.apply(base, Map.of(e.getKey(), value));
            Map<String, Object> after = StrategySettings.values(c);
            for (String k : before.keySet()) {
                if (k.equals(e.getKey())) {
                    assertNotEquals(before.get(k), after.get(k), k);
                    assertEquals(value, String.valueOf(after.get(k)), k);
                } else {
                    assertEquals(before.get(k), after.get(k), k + " moved when " + e.getKey() + " was set");
                }
            }
            assertEquals(c, StrategySettings.apply(StrategyConfig.deribit(), StrategySettings.text(c)), e.getKey());
        }
        assertTrue(changedKeys >= StrategySettings.keys().size() - 1);
    }

    @Test
    void everyKeyAtOnceRoundTripsThroughText() {
        Map<String, String> all = everyKeyChanged(StrategyConfig.usEquity());
        StrategyConfig c = StrategySettings.apply(StrategyConfig.usEquity(), all);
        all.forEach((k, v) -> assertEquals(v, StrategySettings.text(c).get(k), k));
        assertEquals(c, StrategySettings.apply(StrategyConfig.usEquity(), StrategySettings.text(c)));
        assertTrue(StrategySettings.toJson(c).contains("\"threshold_vol_points\": " + c.thresholdVolPoints()));
        assertEquals(List.of(), StrategySettings.differences(c, c, "stored", "given"));
        assertEquals(all.size(), StrategySettings.differences(StrategyConfig.usEquity(), c, "stored", "given").size());
    }

    @Test
    void badKeysAndValuesAreNamed() {
        StrategyConfig base = StrategyConfig.usEquity();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrategySettings.apply(base, Map.of("treshold", "1")));
        assertTrue(e.getMessage().contains("unknown setting 'treshold'"), e.getMessage());
        assertTrue(e.getMessage().contains("threshold_vol_points") && e.getMessage().contains("american_engine"),
                "lists the valid keys: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StrategySettings.apply(base, Map.of("threshold_vol_points", "abc")));
        assertTrue(e.getMessage().contains("threshold_vol_points") && e.getMessage().contains("'abc'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StrategySettings.apply(base, Map.of("american_engine", "tree")));
        assertTrue(e.getMessage().contains("american_engine") && e.getMessage().contains("baw"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StrategySettings.apply(base, Map.of("otm_only", "yes")));
        assertTrue(e.getMessage().contains("otm_only"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StrategySettings.apply(base, Map.of("threshold_vol_points", "NaN")));
        assertTrue(e.getMessage().contains("threshold_vol_points"), e.getMessage());
        // the record's own check, in the user's key names
        e = assertThrows(IllegalArgumentException.class,
                () -> StrategySettings.apply(base, Map.of("vega_budget_total_usd", "10")));
        assertTrue(e.getMessage().contains("vega_budget_total_usd") && e.getMessage().contains("vega_budget_per_trade_usd"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StrategySettings.apply(base, Map.of("half_spread.fraction_of_price", "2")));
        assertTrue(e.getMessage().contains("half_spread.fraction_of_price"), e.getMessage());
    }

    @Test
    void americanEngineTakesItsExplicitNames() {
        StrategyConfig base = StrategyConfig.usEquity();
        assertEquals(io.volsurf.greeks.quantlib.AmericanEngine.JAVA_BAW,
                StrategySettings.apply(base, Map.of("american_engine", "java_baw")).americanEngine());
        assertEquals(io.volsurf.greeks.quantlib.AmericanEngine.BAW,
                StrategySettings.apply(base, Map.of("american_engine", "quantlib_baw")).americanEngine());
        assertEquals(io.volsurf.greeks.quantlib.AmericanEngine.FD,
                StrategySettings.apply(base, Map.of("american_engine", "quantlib-fd")).americanEngine());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrategySettings.apply(base, Map.of("american_engine", "tree")));
        assertTrue(e.getMessage().contains("american_engine") && e.getMessage().contains("java_baw"), e.getMessage());
    }

    @Test
    void camelCaseAndDashesAreAccepted() {
        StrategyConfig c = StrategySettings.apply(StrategyConfig.usEquity(),
                Map.of("thresholdVolPoints", "2.5", "hedge_mode", "delta-gamma", "halfSpread.minimumUsd", "0.05"));
        assertEquals(2.5, c.thresholdVolPoints());
        assertEquals(HedgeMode.DELTA_GAMMA, c.hedgeMode());
        assertEquals(0.05, c.halfSpread().minimumUsd());
    }

    @Test
    void exerciseStyleRuleByUnderlying() {
        Map<String, io.volsurf.greeks.ExerciseStyle> none = Map.of();
        assertEquals(io.volsurf.greeks.ExerciseStyle.AMERICAN, ExerciseStyleRule.AUTO.resolve("SPY", false, none));
        assertEquals(io.volsurf.greeks.ExerciseStyle.AMERICAN, ExerciseStyleRule.AUTO.resolve("aapl", false, none));
        assertEquals(io.volsurf.greeks.ExerciseStyle.EUROPEAN, ExerciseStyleRule.AUTO.resolve("SPX", false, none));
        assertEquals(io.volsurf.greeks.ExerciseStyle.EUROPEAN, ExerciseStyleRule.AUTO.resolve("vix", false, none));
        assertEquals(io.volsurf.greeks.ExerciseStyle.EUROPEAN, ExerciseStyleRule.AUTO.resolve("BTC", true, none));
        assertEquals(io.volsurf.greeks.ExerciseStyle.EUROPEAN, ExerciseStyleRule.AUTO.resolve("SPY", false,
                Map.of("SPY", io.volsurf.greeks.ExerciseStyle.EUROPEAN)));
        assertEquals(io.volsurf.greeks.ExerciseStyle.AMERICAN, ExerciseStyleRule.AMERICAN.resolve("SPX", false, none));
        assertEquals(io.volsurf.greeks.ExerciseStyle.EUROPEAN, ExerciseStyleRule.EUROPEAN.resolve("SPY", false, none));
    }
}
