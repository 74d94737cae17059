package io.volsurf.forecaster.ingest;

import java.time.LocalDate;
import java.util.Map;

/**
 * A session of a file in which no row was accepted. It is never stored: a stored session of the same ticker
 * and date keeps its quotes, fits and surface. Its rejects are counted like any others.
 *
 * @param ticker        the underlying
 * @param session       the session date
 * @param file          the file read
 * @param rejected      rows rejected
 * @param rejectReasons those rows by reason
 */
public record EmptySession(String ticker, LocalDate session, String file, int rejected,
        Map<String, Long> rejectReasons) {

    public EmptySession {
        rejectReasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectReasons));
    }
}
