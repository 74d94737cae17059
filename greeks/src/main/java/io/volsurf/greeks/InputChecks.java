package io.volsurf.greeks;

/** Argument checks shared by the value types: each names the offending field. */
public final class InputChecks {
    private InputChecks() {
    }

    /** Requires a finite value strictly above zero. */
    public static double positive(double value, String field) {
        if (!(value > 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** Requires a finite value (any sign). */
    public static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
        return value;
    }
}
