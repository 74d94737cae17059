package io.volsurf.backtest.serving;

/** The stored history exists but this model cannot forecast from it (grid mismatch, no forward): a 422 problem. */
public final class ForecastUnavailableException extends RuntimeException {

    public ForecastUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
