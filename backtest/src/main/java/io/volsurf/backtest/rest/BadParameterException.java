package io.volsurf.backtest.rest;

/** A request parameter that cannot be used: a 400 problem naming {@link #parameter()}. */
public final class BadParameterException extends RuntimeException {

    private final String parameter;

    public BadParameterException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    /** The name of the path or query parameter (or header, or "body") at fault. */
    public String parameter() {
        return parameter;
    }
}
