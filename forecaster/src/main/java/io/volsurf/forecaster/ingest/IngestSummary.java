package io.volsurf.forecaster.ingest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of an ingest run; field names match the {@code ingest --json} contract of
 * ARCHITECTURE.md ({@code files, filesFailed, sessions, accepted, rejected, rejectReasons}), plus
 * what was done with holiday folders and which files below a folder were skipped.
 *
 * @param files          chain files read or attempted
 * @param filesFailed    files that could not be read, with the cause
 * @param sessions       session chains produced (one per underlying and session)
 * @param accepted       quotes accepted
 * @param rejected       rows rejected
 * @param rejectReasons  rejected rows by reason (only reasons that occurred, in enum order)
 * @param holidayFolders folders dated on non-session days and what was done with them
 * @param skippedFiles   files below a folder that are not chain files (notes, synthetic truth)
 */
public record IngestSummary(int files, List<FileFailure> filesFailed, int sessions, long accepted, long rejected,
        Map<String, Long> rejectReasons, List<HolidayFolder> holidayFolders, List<String> skippedFiles) {

    public IngestSummary {
        filesFailed = List.copyOf(filesFailed);
        rejectReasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectReasons));
        holidayFolders = List.copyOf(holidayFolders);
        skippedFiles = List.copyOf(skippedFiles);
    }

    /** True when every file was read (the CLI's exit code 0). */
    public boolean allFilesRead() {
        return filesFailed.isEmpty();
    }

    /** The share of rows rejected, in [0, 1]. */
    public double rejectedShare() {
        long total = accepted + rejected;
        return total == 0 ? 0 : (double) rejected / total;
    }

    /** A short human-readable report (several lines). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("files %d (%d failed), sessions %d, accepted %d, rejected %d (%.1f%%)%n", files,
                filesFailed.size(), sessions, accepted, rejected, 100 * rejectedShare()));
        if (!rejectReasons.isEmpty()) {
            sb.append("rejects by reason: ").append(rejectReasons.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        for (HolidayFolder h : holidayFolders) {
            sb.append(String.format("holiday folder %s (%s, not a session): %d file(s) %s %s%n", h.folder(),
                    h.collectionDate(), h.files(), switch (h.action()) {
                        case DROPPED_REPEAT -> "dropped: they repeat the close of";
                        case ATTRIBUTED_TO_PREVIOUS -> "used as the close of the missing session";
                        case SESSION -> "read as session";
                    }, h.session()));
        }
        for (FileFailure f : filesFailed) {
            sb.append("FAILED ").append(f.error()).append('\n');
        }
        return sb.toString();
    }
}
