package io.volsurf.forecaster.ingest;

/** Where a session's spot price came from. */
public enum SpotSource {
    /** A file-level header field (us-options {@code underlyingPrice}). */
    HEADER,
    /** The rows' underlying price column (generic CSV, CBOE underlying bid/ask mid, OptionMetrics price column). */
    ROW_UNDERLYING_PRICE,
    /** The nearest expiry's per-row index/forward price (Deribit writes one per expiry). */
    NEAREST_EXPIRY_FORWARD,
    /**
     * Inferred from the chain: {@code K + C - P} near the money on the nearest expiry with at least
     * one day to run (median over the closest pairs). Biased by the carry {@code (r - q) T S},
     * a few cents on a weekly expiry.
     */
    PUT_CALL_PARITY
}
