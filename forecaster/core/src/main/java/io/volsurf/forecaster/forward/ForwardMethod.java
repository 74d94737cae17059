package io.volsurf.forecaster.forward;

/** Where an expiry's forward and discount factor came from. */
public enum ForwardMethod {
    /** Forward and discount both fitted from put-call parity {@code C - P = D (F - K)} (a line in K). */
    PARITY,
    /**
     * Forward from put-call parity with the discount fixed at the configured (or quoted) rate: used where
     * the strikes near the money span too little to identify the slope {@code D} (short expiries), or the
     * fitted slope implied an implausible rate.
     */
    PARITY_FORWARD,
    /** Forward {@code S e^{(r - q) T}} and discount {@code e^{-r T}} from the configured (or quoted) r and q. */
    CONFIGURED,
    /**
     * The venue's own per-expiry forward (Deribit's {@code underlying_price}), with {@code D = 1}: Deribit
     * prices its inverse options undiscounted on that forward, so coin premium x forward = Black-76 price.
     */
    VENUE
}
