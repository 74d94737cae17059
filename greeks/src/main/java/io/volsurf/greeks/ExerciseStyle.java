package io.volsurf.greeks;

import java.util.Locale;

/** When the option may be exercised: only at expiry (European) or at any time up to it (American). */
public enum ExerciseStyle {
    EUROPEAN, AMERICAN;

    /** Parses "european"/"american" (also "e"/"a"), case-insensitive; names the field in the error. */
    public static ExerciseStyle parse(String text, String field) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "european", "e", "eu" -> EUROPEAN;
            case "american", "a", "am" -> AMERICAN;
            default -> throw new IllegalArgumentException(field + " must be european or american, got '" + text + "'");
        };
    }
}
