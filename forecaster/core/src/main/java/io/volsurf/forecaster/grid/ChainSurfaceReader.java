package io.volsurf.forecaster.grid;

import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.ingest.SessionChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads one session of one chain file (any supported layout, plain or gzipped) and builds its surface, with no
 * database: the work behind {@code fit-svi} and {@code arbitrage-check CHAIN --date D}.
 */
public final class ChainSurfaceReader {

    private final ChainIngestor ingestor;
    private final SessionSurfaceBuilder builder;

    public ChainSurfaceReader() {
        this(new ChainIngestor(), new SessionSurfaceBuilder());
    }

    public ChainSurfaceReader(ChainIngestor ingestor, SessionSurfaceBuilder builder) {
        this.ingestor = ingestor;
        this.builder = builder;
    }

    /**
     * @param file   a chain file or folder
     * @param date   the session (or collection date) wanted
     * @param ticker the underlying, case-insensitive; null when the file holds one underlying on that date
     * @throws IllegalArgumentException naming the file, date or ticker when the file cannot be read or holds no
     *                                  such session
     */
    public SessionSurface read(Path file, LocalDate date, String ticker) {
        if (file == null || !Files.exists(file)) {
            throw new IllegalArgumentException("chain file " + file + " does not exist");
        }
        if (date == null) {
            throw new IllegalArgumentException("--date is required");
        }
        String wanted = ticker == null ? null : ticker.trim().toUpperCase(Locale.ROOT);
        List<SessionChain> found = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        IngestSummary summary = ingestor.ingest(List.of(file), (ChainFormat) null, chain -> {
            seen.add(chain.underlying() + " " + chain.session());
            boolean dateMatches = chain.session().equals(date) || date.equals(chain.collectionDate());
            if (dateMatches && (wanted == null || chain.underlying().equals(wanted)) && !chain.quotes().isEmpty()) {
                found.add(chain);
            }
        });
        if (!summary.filesFailed().isEmpty()) {
            throw new IllegalArgumentException(summary.filesFailed().get(0).file() + ": "
                    + summary.filesFailed().get(0).error());
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no quotes " + (wanted == null ? "" : "for " + wanted + " ") + "on " + date
                    + " in " + file + "; it holds " + (seen.isEmpty() ? "nothing" : abbreviate(seen)));
        }
        if (found.size() > 1 && found.stream().map(SessionChain::underlying).distinct().count() > 1) {
            throw new IllegalArgumentException(file + " holds several underlyings on " + date + " ("
                    + String.join(", ", found.stream().map(SessionChain::underlying).distinct().toList())
                    + "): choose one with --ticker");
        }
        return builder.build(found.get(0));
    }

    private static String abbreviate(TreeSet<String> seen) {
        List<String> l = new ArrayList<>(seen);
        return l.size() <= 6 ? String.join(", ", l) : String.join(", ", l.subList(0, 6)) + ", ... (" + l.size() + ")";
    }
}
