package io.volsurf.strategy.market;

/** Where a contract's implied volatility in a session came from. */
public enum IvSource {
    /** Inverted from the quote's reference price (mid, else mark, else last) with its expiry's forward. */
    QUOTE,
    /** The vendor's IV column (the quote's price did not invert). */
    VENDOR,
    /** The session's fitted surface (no usable quote). */
    SURFACE,
    /** Carried from the previous session (the contract was not quoted). */
    CARRIED
}
