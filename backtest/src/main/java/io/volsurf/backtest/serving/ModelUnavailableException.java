package io.volsurf.backtest.serving;

/** No forecasting model is loaded or loadable: a 503 problem. */
public final class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String detail) {
        super(detail);
    }

    public ModelUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
