package io.volsurf.forecaster.model;

/** A model directory that cannot be used: missing, damaged (checksum mismatch), foreign, or of another format. */
public final class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
