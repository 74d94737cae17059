package io.volsurf.strategy.config;

/** What one trade buys or sells. */
public enum InstrumentKind {
    /** One listed call or put. */
    SINGLE,
    /** A call and a put of the same expiry and strike, in equal quantity. */
    STRADDLE
}
