package io.volsurf.backtest.rest;

/** The server cannot take this request now (another chain is being stored): a 503 with Retry-After. */
public final class ServerBusyException extends RuntimeException {

    public ServerBusyException(String detail) {
        super(detail);
    }
}
