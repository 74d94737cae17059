package io.volsurf.forecaster.synthetic;

import io.volsurf.forecaster.ingest.RejectReason;

/**
 * An invalid row the generator wrote on purpose, and the reject ingest must give it.
 *
 * @param file   the chain file
 * @param line   1-based line number (the header is line 1)
 * @param reason the expected reject reason
 */
public record InjectedBadRow(String file, long line, RejectReason reason) {
}
