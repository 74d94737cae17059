package io.volsurf.forecaster.market;

/** Call or put. */
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
        if (s != null) {
            switch (s.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "C", "CALL" -> {
                    return CALL;
                }
                case "P", "PUT" -> {
                    return PUT;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("option type must be C/P/call/put, got '" + s + "'");
    }
}
