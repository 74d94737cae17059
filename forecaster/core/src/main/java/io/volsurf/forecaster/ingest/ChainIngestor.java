package io.volsurf.forecaster.ingest;

import io.volsurf.forecaster.calendar.SessionClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads chain files and folders of any supported layout, one session at a time, into an
 * {@link IngestListener}; returns the run's {@link IngestSummary}. A file that cannot be read is one
 * {@link FileFailure} naming it and the run goes on. Sessions of a file read before its fault (a
 * multi-day CSV truncated halfway) have already been delivered. Stateless between runs.
 */
public final class ChainIngestor {

    private final Map<ChainFormat, ChainReader> readers;

    /** The default readers: US equity conventions for generic, CBOE and OptionMetrics; Deribit's for Deribit. */
    public ChainIngestor() {
        this(SessionClock.US_EQUITY);
    }

    /** @param genericClock the market conventions of generic CSV files (US equity by default) */
    public ChainIngestor(SessionClock genericClock) {
        this(List.of(new GenericCsvReader(genericClock), new UsOptionsJsonReader(), new DeribitCsvReader(),
                new CboeEodCsvReader(), new OptionMetricsReader()));
    }

    public ChainIngestor(List<ChainReader> readers) {
        Map<ChainFormat, ChainReader> m = new EnumMap<>(ChainFormat.class);
        for (ChainReader r : readers) {
            m.put(r.format(), r);
        }
        this.readers = m;
    }

    /**
     * Reads every chain file below {@code paths}.
     *
     * @param paths    files and folders
     * @param format   the layout to read them as, or null to detect it per file
     * @param listener receives each session chain as it is read
     */
    public IngestSummary ingest(List<Path> paths, ChainFormat format, IngestListener listener) {
        ChainFiles.Expansion expansion = ChainFiles.expand(paths);
        List<Path> files = expansion.files();
        IngestNotes notes = new IngestNotes();
        List<FileFailure> failures = new ArrayList<>();
        EnumMap<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
        int sessions = 0;
        List<EmptySession> emptySessions = new ArrayList<>();
        long accepted = 0;
        long rejected = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            listener.onFileStarted(file, i, files.size());
            try (InputStream in = ChainInput.open(file)) {
                ChainFormat f = format != null ? format : ChainInput.detect(file, in);
                ChainReader reader = readers.get(f);
                if (reader == null) {
                    throw new ChainFileException(file, "no reader configured for layout " + f.cliName());
                }
                Iterator<SessionChain> it = reader.read(file, in, notes);
                while (it.hasNext()) {
                    SessionChain chain = it.next();
                    accepted += chain.quotes().size();
                    rejected += chain.rejects().size();
                    EnumMap<RejectReason, Long> own = new EnumMap<>(RejectReason.class);
                    for (Reject r : chain.rejects()) {
                        reasons.merge(r.reason(), 1L, Long::sum);
                        own.merge(r.reason(), 1L, Long::sum);
                    }
                    boolean empty = chain.quotes().isEmpty();
                    if (empty) {
                        emptySessions.add(new EmptySession(chain.underlying(), chain.session(), chain.sourceFile(),
                                chain.rejects().size(), byName(own)));
                    } else {
                        sessions++;
                    }
                    try {
                        if (empty) {
                            listener.onEmptySession(chain);
                        } else {
                            listener.onSession(chain);
                        }
                    } catch (RuntimeException e) {
                        throw new ListenerFailure(e);
                    }
                }
            } catch (ListenerFailure e) {
                // The caller's own failure (e.g. its database): not a fault of the file, so it propagates.
                throw e.cause;
            } catch (ChainFileException e) {
                FileFailure failure = new FileFailure(file.toString(), e.getMessage());
                failures.add(failure);
                listener.onFileFailed(failure);
            } catch (IOException | UncheckedIOException e) {
                FileFailure failure = new FileFailure(file.toString(), file + ": read error: " + e.getMessage());
                failures.add(failure);
                listener.onFileFailed(failure);
            } catch (RuntimeException e) {
                // A reader bug on odd content must not end the run: report it against the file.
                FileFailure failure = new FileFailure(file.toString(), file + ": cannot read: " + e);
                failures.add(failure);
                listener.onFileFailed(failure);
            }
        }
        return new IngestSummary(files.size(), failures, sessions, accepted, rejected, byName(reasons),
                groupHolidayFolders(notes.holidayFiles()), expansion.skipped().stream().map(Path::toString).toList(),
                emptySessions, notes.ivUnits());
    }

    private static Map<String, Long> byName(EnumMap<RejectReason, Long> reasons) {
        Map<String, Long> byName = new LinkedHashMap<>();
        reasons.forEach((k, v) -> byName.put(k.name(), v));
        return byName;
    }

    private static List<HolidayFolder> groupHolidayFolders(List<HolidayFolder> perFile) {
        Map<List<Object>, HolidayFolder> grouped = new LinkedHashMap<>();
        for (HolidayFolder h : perFile) {
            grouped.merge(List.of(h.folder(), h.action(), h.session()), h,
                    (a, b) -> new HolidayFolder(a.folder(), a.collectionDate(), a.session(), a.action(),
                            a.files() + b.files()));
        }
        return new ArrayList<>(grouped.values());
    }

    /** Carries an exception thrown by the listener past the per-file error handling. */
    private static final class ListenerFailure extends RuntimeException {
        private final RuntimeException cause;

        ListenerFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }
}
