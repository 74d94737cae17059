package io.volsurf.backtest.rest;

/** A request body (or what it inflates to) over a configured limit: a 413 problem naming the limit. */
public final class RequestTooLargeException extends RuntimeException {

    public RequestTooLargeException(String detail) {
        super(detail);
    }
}
