package io.volsurf.db.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** {@code --ticker}: one ticker, a comma-separated list, or {@code all}; case-insensitive. */
public final class TickerSelection {
    private TickerSelection() {
    }

    public static List<String> resolve(String option, Supplier<List<String>> stored) {
        if (option == null || option.isBlank()) {
            throw new IllegalArgumentException("--ticker is required: a ticker, a comma-separated list, or all");
        }
        List<String> known = stored.get();
        if (option.trim().equalsIgnoreCase("all")) {
            if (known.isEmpty()) {
                throw new IllegalArgumentException("--ticker all: no surfaces stored yet; run './volsurf ingest PATH' first");
            }
            return known;
        }
        List<String> out = new ArrayList<>();
        for (String t : option.split(",")) {
            String u = t.trim().toUpperCase(Locale.ROOT);
            if (u.isEmpty()) {
                continue;
            }
            if (!known.contains(u)) {
                throw new IllegalArgumentException("--ticker " + u + ": no stored surfaces (stored: "
                        + (known.isEmpty() ? "none; run './volsurf ingest PATH' first" : String.join(", ", known)) + ")");
            }
            if (!out.contains(u)) {
                out.add(u);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--ticker names no ticker");
        }
        return out;
    }
}
