package io.volsurf.greeks;

import java.util.Locale;

/** Right of a vanilla option: a call pays max(S - K, 0), a put max(K - S, 0). */
public enum OptionType {
    CALL, PUT;

    /** Parses "call"/"put" (also "c"/"p"), case-insensitive; names the field in the error. */
    public static OptionType parse(String text, String field) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "call", "c" -> CALL;
            case "put", "p" -> PUT;
            default -> throw new IllegalArgumentException(field + " must be call or put, got '" + text + "'");
        };
    }
}
