package io.volsurf.forecaster.ingest;

import java.nio.file.Path;

/** A chain file that cannot be read at all (empty, truncated gzip, unknown header, invalid JSON). */
public final class ChainFileException extends RuntimeException {

    private final transient Path file;

    public ChainFileException(Path file, String message) {
        this(file, message, null);
    }

    public ChainFileException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file that failed. */
    public Path file() {
        return file;
    }
}
