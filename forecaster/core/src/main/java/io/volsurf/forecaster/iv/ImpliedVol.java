package io.volsurf.forecaster.iv;

/**
 * Result of a Black implied-volatility inversion: a volatility (decimal, per sqrt(year)) or the reason why
 * there is none. Never NaN: {@link #vol()} throws for a failed inversion, so check {@link #isOk()} first.
 *
 * @param status the outcome
 * @param value  the implied volatility when {@code status == OK}, else 0
 */
public record ImpliedVol(ImpliedVolStatus status, double value) {

    public ImpliedVol {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        if (status == ImpliedVolStatus.OK ? !(value > 0 && Double.isFinite(value)) : value != 0) {
            throw new IllegalArgumentException("implied vol " + value + " inconsistent with status " + status);
        }
    }

    static ImpliedVol ok(double vol) {
        return new ImpliedVol(ImpliedVolStatus.OK, vol);
    }

    static ImpliedVol failed(ImpliedVolStatus status) {
        return new ImpliedVol(status, 0.0);
    }

    public boolean isOk() {
        return status == ImpliedVolStatus.OK;
    }

    /** The implied volatility (decimal); throws {@link IllegalStateException} naming the reason when there is none. */
    public double vol() {
        if (status != ImpliedVolStatus.OK) {
            throw new IllegalStateException("no implied volatility: " + status);
        }
        return value;
    }
}
