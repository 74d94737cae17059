package io.volsurf.forecaster.ingest;

/**
 * One row that was not accepted, with why.
 *
 * @param file   the file it came from
 * @param row    1-based line number in a CSV file (the header is line 1); 1-based contract index in a JSON file
 * @param reason the reason
 * @param detail human-readable detail naming the field and value
 */
public record Reject(String file, long row, RejectReason reason, String detail) {

    public Reject {
        if (reason == null) {
            throw new IllegalArgumentException("reject reason is required");
        }
    }
}
