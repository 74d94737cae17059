package io.volsurf.backtest.forecasting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variants {@code ablate} trains: the configured model ("default"), then one axis at a time away from it, each
 * variant a list of config overrides applied on top of the user's settings. Variants whose resolved config equals
 * the default's are dropped by the caller, so a default of {@code N=10} does not train twice.
 */
public final class AblationPlan {

    /** One configuration to train and score. */
    public record Variant(String axis, String name, List<String> overrides) {
        public Variant {
            overrides = List.copyOf(overrides);
        }
    }

    /** The axes and their values, in the order they run. */
    private static final Map<String, List<Variant>> AXES = new LinkedHashMap<>();

    static {
        AXES.put("head", List.of(
                new Variant("head", "head=svi", List.of("use_svi_head=true", "use_grid_head=false", "blend=svi")),
                new Variant("head", "head=grid", List.of("use_svi_head=false", "use_grid_head=true", "blend=grid")),
                new Variant("head", "head=blend", List.of("use_svi_head=true", "use_grid_head=true", "blend=blend"))));
        AXES.put("n", List.of(
                new Variant("n", "N=5", List.of("N=5")),
                new Variant("n", "N=10", List.of("N=10")),
                new Variant("n", "N=20", List.of("N=20"))));
        // the session features of stored histories are not wired into the samples, so "all" is the three built-ins
        AXES.put("features", List.of(
                new Variant("features", "features=none", List.of("features=")),
                new Variant("features", "features=gap", List.of("features=gap")),
                new Variant("features", "features=gap,rolldown", List.of("features=gap,rolldown")),
                new Variant("features", "features=gap,rolldown,event", List.of("features=gap,rolldown,event"))));
        AXES.put("informer", List.of(
                new Variant("informer", "informer=off", List.of("informer_mode=false")),
                new Variant("informer", "informer=on", List.of("informer_mode=true"))));
    }

    /** Settings of {@code --quick}: few epochs, early stopping soon. */
    public static final List<String> QUICK = List.of("epochs=3", "patience=2");

    private AblationPlan() {
    }

    public static List<String> axisNames() {
        return List.copyOf(AXES.keySet());
    }

    /**
     * The default, then every value of the chosen axes ({@code null} or empty: all axes). An unknown axis is an
     * error naming it and the known ones.
     */
    public static List<Variant> variants(List<String> axes) {
        List<String> chosen = axes == null || axes.isEmpty() ? axisNames() : new ArrayList<>();
        if (axes != null && !axes.isEmpty()) {
            for (String a : axes) {
                String key = a.trim().toLowerCase(Locale.ROOT);
                if (key.isEmpty()) {
                    continue;
                }
                if (!AXES.containsKey(key)) {
                    throw new IllegalArgumentException("--axes: unknown axis '" + a + "' (known: "
                            + String.join(", ", AXES.keySet()) + ")");
                }
                if (!chosen.contains(key)) {
                    chosen.add(key);
                }
            }
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("--axes names no axis (known: " + String.join(", ", AXES.keySet())
                        + ")");
            }
        }
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("default", "default", List.of()));
        for (String axis : chosen) {
            out.addAll(AXES.get(axis));
        }
        return out;
    }
}
