package io.volsurf.strategy.config;

/** Argument checks that name the offending field. */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static void nonNegative(double v, String field) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + v);
        }
    }

    static void positive(double v, String field) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, got " + v);
        }
    }

    static void positive(int v, String field) {
        if (v <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + v);
        }
    }

    static void nonNegative(int v, String field) {
        if (v < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + v);
        }
    }

    static <T> T required(T v, String field) {
        if (v == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v;
    }
}
