package io.volsurf.backtest.rest;

/** A write without a valid API key: a 401 problem. */
public final class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String detail) {
        super(detail);
    }
}
