/**
 * Chain ingest: files and folders of any supported layout (generic CSV, {@code us-options} JSON,
 * Deribit CSV, CBOE DataShop EOD, OptionMetrics {@code opprcd}; gzip by magic bytes; layout from the
 * content) read one session at a time into {@link io.volsurf.forecaster.ingest.SessionChain}s.
 * Entry point: {@link io.volsurf.forecaster.ingest.ChainIngestor}.
 * <p>
 * Policies, decided here once:
 * <ul>
 * <li>Every row is a quote or a {@link io.volsurf.forecaster.ingest.Reject} with one
 * {@link io.volsurf.forecaster.ingest.RejectReason}; a file that cannot be read at all is one
 * {@link io.volsurf.forecaster.ingest.FileFailure} and the run goes on.</li>
 * <li>Absent prices are NaN, never 0; a zero last trade means "no trade". A bid of 0 with an ask is
 * a valid one-sided market. A missing or non-positive vendor IV is kept as NaN on a priced row; it
 * only rejects a row with no price at all ({@code IV_MISSING_OR_NON_POSITIVE}).</li>
 * <li>Duplicates (same underlying, session, expiry, strike, type): the row with more open interest
 * (then volume, then a two-sided quote) is kept, the other rejected as {@code DUPLICATE}.</li>
 * <li>Same-day expiries in end-of-day data have no time value left: {@code EXPIRED}.</li>
 * <li>A missing spot is inferred by put-call parity ({@code SpotSource.PUT_CALL_PARITY}).</li>
 * <li>{@code us-options} folders dated on non-session days repeat the previous close: dropped when
 * that session has its own file, else used for it; both reported as holiday folders.</li>
 * </ul>
 */
package io.volsurf.forecaster.ingest;
