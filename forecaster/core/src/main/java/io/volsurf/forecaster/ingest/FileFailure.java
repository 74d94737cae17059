package io.volsurf.forecaster.ingest;

/**
 * A file that could not be read.
 *
 * @param file  the file
 * @param error one-line cause
 */
public record FileFailure(String file, String error) {
}
