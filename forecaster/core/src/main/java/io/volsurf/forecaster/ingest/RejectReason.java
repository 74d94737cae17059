package io.volsurf.forecaster.ingest;

/** Why a chain row was not accepted. Every row that is not an {@code OptionQuote} has exactly one. */
public enum RejectReason {
    /** A field is present but cannot be parsed (bad number, date or option type). */
    UNPARSEABLE_FIELD,
    /** A required field is empty, or the row has too few columns. */
    MISSING_FIELD,
    /** The underlying price is zero or negative. */
    NON_POSITIVE_UNDERLYING,
    /** The strike is zero or negative. */
    NON_POSITIVE_STRIKE,
    /** A bid, ask, last or mark price is negative. */
    NEGATIVE_PRICE,
    /** Bid above ask. */
    CROSSED_QUOTE,
    /** No bid, ask, last or mark above zero, and no vendor IV column value to fall back on. */
    NO_PRICE,
    /**
     * No price above zero, and the vendor IV (the only price information left) is missing or
     * {@code <= 0}. Rows that do have a price keep a missing vendor IV as NaN and are accepted.
     */
    IV_MISSING_OR_NON_POSITIVE,
    /** Expiry at or before the snapshot (includes same-day expiries in end-of-day data). */
    EXPIRED,
    /** Same underlying, expiry, strike and type as a more liquid row of the session (the other is kept). */
    DUPLICATE,
    /** The underlying price is absent and could not be inferred from the chain by put-call parity. */
    SPOT_NOT_INFERABLE,
    /** A row of a session that was already completed earlier in the file (file not sorted by date). */
    OUT_OF_ORDER,
    /** An entry of a JSON {@code contracts} array that is not an object (a number, string, array or null). */
    NOT_A_CONTRACT,
    /** Expiry more than {@link ValueBounds#MAX_YEARS_TO_EXPIRY} years after the snapshot (9999-12-31 and the like). */
    EXPIRY_TOO_FAR,
    /** Strike outside {@code [spot / 1000, spot * 1000]}: a unit slip or a corrupt value, not a listed series. */
    STRIKE_OUT_OF_RANGE,
    /**
     * A premium above ten times what the option can be worth (the underlying price for a call, the strike for a
     * put), in USD: a corrupt value such as {@code 1e308}.
     */
    PRICE_OUT_OF_RANGE,
    /** A row's underlying price outside {@code [spot / 10, spot * 10]} of the session's spot. */
    UNDERLYING_PRICE_OUT_OF_RANGE,
    /** A vendor implied volatility above 50 (5,000%) after its unit is applied. */
    VENDOR_IV_OUT_OF_RANGE,
    /** A negative volume or open interest. */
    NEGATIVE_COUNT,
    /** A value the quote itself refuses that no check above names (a safety net: one row, never the file). */
    INVALID_VALUE,
    /** A rate or dividend yield of magnitude above 1 (100% a year): a unit slip or a corrupt value. */
    RATE_OUT_OF_RANGE
}
