package io.volsurf.forecaster.ingest;

import java.nio.file.Path;

/** Receives what an ingest run reads, one session at a time (the caller stores it; nothing is kept). */
@FunctionalInterface
public interface IngestListener {

    /** One underlying's chain in one session, with its accepted quotes and rejects. */
    void onSession(SessionChain chain);

    /**
     * A session in which no row was accepted: it must not replace a stored session (its quotes, fits and surface
     * would be lost to nothing). Its rejects are there to keep; by default it is ignored.
     */
    default void onEmptySession(SessionChain chain) {
    }

    /** Called before each file ({@code index} from 0), e.g. to drive a progress bar. */
    default void onFileStarted(Path file, int index, int total) {
    }

    /** Called when a file could not be read; the run goes on with the next file. */
    default void onFileFailed(FileFailure failure) {
    }
}
