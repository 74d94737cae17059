package io.volsurf.forecaster.ingest;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Reads one chain file of one layout into sessions, lazily: the iterator holds one session's rows
 * at a time, so memory stays flat in the number of days. Row faults become {@link Reject}s in the
 * chains; a file that cannot be read at all throws {@link ChainFileException} (from {@code read}
 * or from the iterator), naming the file.
 */
public interface ChainReader {

    /** The layout this reader reads. */
    ChainFormat format();

    /**
     * @param file    the file, for messages, rejects and (us-options) the collection date in its path
     * @param content the decompressed content, positioned at its start; the caller closes it
     * @param notes   collects run-level notes (holiday folders)
     */
    Iterator<SessionChain> read(Path file, InputStream content, IngestNotes notes);
}
