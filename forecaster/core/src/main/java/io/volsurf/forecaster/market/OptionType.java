package io.volsurf.forecaster.market;

import java.util.Locale;

/** Right of a vanilla option: a call pays max(S - K, 0), a put max(K - S, 0). */
public enum OptionType {
    CALL, PUT;

    /** +1 for a call, -1 for a put (the sign in Black's formula). */
    public int sign() {
        return this == CALL ? 1 : -1;
    }

    /**
     * Parses the vendor spellings {@code C}, {@code P}, {@code call}, {@code put} (any case).
     *
     * @throws IllegalArgumentException naming the value when it is none of these
     */
    public static OptionType parse(String s) {
        return parse(s, "option type");
    }

    /**
     * As {@link #parse(String)}, naming {@code field} (a column, a flag) in the error.
     *
     * @throws IllegalArgumentException naming the field and the value when it is none of the spellings
     */
    public static OptionType parse(String text, String field) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "call", "c" -> CALL;
            case "put", "p" -> PUT;
            default -> throw new IllegalArgumentException(field + " must be call or put (or C/P), got '" + text + "'");
        };
    }
}
