package io.volsurf.forecaster.ingest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of an ingest run; field names match the {@code ingest --json} contract
 * (docs/contracts.md: {@code files, filesFailed, sessions, accepted, rejected, rejectReasons}), plus
 * what was done with holiday folders, which files below a folder were skipped, the sessions with nothing
 * accepted (not stored) and the unit each vendor IV column was read in.
 *
 * @param files          chain files read or attempted
 * @param filesFailed    files that could not be read, with the cause
 * @param sessions       session chains with at least one accepted quote (one per underlying and session)
 * @param accepted       quotes accepted
 * @param rejected       rows rejected
 * @param rejectReasons  rejected rows by reason (only reasons that occurred, in enum order)
 * @param holidayFolders folders dated on non-session days and what was done with them
 * @param skippedFiles   files below a folder that are not chain files (notes, synthetic truth)
 * @param emptySessions  sessions in which every row was rejected: reported, never stored (a stored session of
 *                       the same ticker and date is kept); their rows count in {@code rejected}
 * @param ivUnits        the unit each vendor IV column was read in, and on what basis
 */
public record IngestSummary(int files, List<FileFailure> filesFailed, int sessions, long accepted, long rejected,
        Map<String, Long> rejectReasons, List<HolidayFolder> holidayFolders, List<String> skippedFiles,
        List<EmptySession> emptySessions, List<IvUnitNote> ivUnits) {

    public IngestSummary {
        filesFailed = List.copyOf(filesFailed);
        rejectReasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectReasons));
        holidayFolders = List.copyOf(holidayFolders);
        skippedFiles = List.copyOf(skippedFiles);
        emptySessions = List.copyOf(emptySessions);
        ivUnits = List.copyOf(ivUnits);
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
        for (EmptySession e : emptySessions) {
            sb.append(String.format("NOT STORED %s %s: all %d rows rejected (%s) in %s; a stored session is kept%n",
                    e.ticker(), e.session(), e.rejected(), e.rejectReasons().entrySet().stream()
                            .map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(", ")), e.file()));
        }
        for (IvUnitNote u : ivUnits) {
            sb.append(String.format("vendor IV %s read as %s (%s) in %d session(s), e.g. %s%n", u.column(), u.unit(),
                    u.basis(), u.sessions(), u.example()));
        }
        for (FileFailure f : filesFailed) {
            sb.append("FAILED ").append(f.error()).append('\n');
        }
        return sb.toString();
    }
}
