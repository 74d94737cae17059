package io.volsurf.backtest.ingest;

import io.volsurf.db.jdbc.RunOwnerLock;
import io.agroal.api.AgroalDataSource;
import io.volsurf.backtest.app.Json;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.market.SessionIngest;
import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.IngestListener;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.smile.IvSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code ingest}: reads chain files one session at a time, builds each session's surface and
 * stores it (replacing a previous ingest of the same session). A session whose surface cannot be
 * built is still stored with its quotes, and counted; a file that cannot be read is reported and
 * the run goes on. What a session needs from earlier ones (SVI warm starts, realised-vol history)
 * is read from the store, so splitting sessions over ingest runs changes nothing.
 */
@ApplicationScoped
public class IngestService {

    private final Supplier<? extends DataSource> dataSource;

    @Inject
    public IngestService(Instance<AgroalDataSource> dataSource) {
        this.dataSource = dataSource::get;
    }

    /** On a given database (tests, benchmarks): the same code path as the application's. */
    public IngestService(DataSource dataSource) {
        this.dataSource = () -> dataSource;
    }

    /** What an ingest run did; {@code summary} carries the fixed JSON fields. */
    public record IngestOutcome(long runId, IngestSummary summary, int surfaces, int slicesFitted,
            int slicesButterflyFree, Map<String, Integer> smileDrops, List<String> sessionFailures,
            int featuresRefreshed, IvSource ivSource, long vendorIvFallbacks) {
    }

    /** Callbacks for progress display. */
    public interface Progress {
        /** No progress display (tests, services). */
        Progress NONE = (file, index, total) -> { };

        void file(Path file, int index, int total);

        default void session(SessionChain chain) {
        }
    }

    public IngestOutcome ingest(List<Path> paths, ChainFormat format, Progress progress) {
        return ingest(paths, format, IvSource.DEFAULT, progress);
    }

    /** @param ivSource where the smiles' vols come from; stored with every session this run stores */
    public IngestOutcome ingest(List<Path> paths, ChainFormat format, IvSource ivSource, Progress progress) {
        MarketDataStore store = new MarketDataStore(dataSource.get());
        // Runs of killed processes say so in the table, not only in ingest_run_summary.
        store.failAbandonedIngestRuns();
        try (RunOwnerLock claim = store.claimIngestRun(
                paths.stream().map(Path::toString).collect(Collectors.joining(" ")))) {
            return ingest(store, claim.runId(), paths, format, ivSource, progress);
        }
    }

    private IngestOutcome ingest(MarketDataStore store, long runId, List<Path> paths, ChainFormat format,
            IvSource ivSource, Progress progress) {
        // The per-session work is shared with the Spark ingest job (io.volsurf.spark.IngestJob): same rows.
        SessionIngest sessions = new SessionIngest(store, runId, ivSource);
        IngestListener listener = new IngestListener() {
            @Override
            public void onSession(SessionChain chain) {
                progress.session(chain);
                sessions.onSession(chain);
            }

            @Override
            public void onEmptySession(SessionChain chain) {
                progress.session(chain);
                sessions.onEmptySession(chain);
            }

            @Override
            public void onFileStarted(Path file, int index, int total) {
                progress.file(file, index, total);
            }
        };
        IngestSummary summary;
        try {
            summary = new ChainIngestor().ingest(paths, format, listener);
        } catch (RuntimeException e) {
            store.finishIngestRun(runId, "failed", 0, "[]", 0, 0, 0, "{}",
                    json(Map.of("error", String.valueOf(e.getMessage()))));
            throw e;
        }
        int refreshed = sessions.refreshSpotHistory();
        Map<String, Integer> drops = sessions.smileDrops();
        List<String> failures = sessions.sessionFailures();
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("featuresRefreshed", refreshed);
        notes.put("ivSource", ivSource.cliName());
        notes.put("vendorIvFallbacks", sessions.vendorIvFallbacks());
        notes.put("holidayFolders", summary.holidayFolders());
        notes.put("skippedFiles", summary.skippedFiles());
        notes.put("emptySessions", summary.emptySessions());
        notes.put("ivUnits", summary.ivUnits());
        notes.put("smileDrops", drops);
        notes.put("sessionFailures", failures);
        store.finishIngestRun(runId, "completed", summary.files(), json(summary.filesFailed()), summary.sessions(),
                summary.accepted(), summary.rejected(), json(summary.rejectReasons()), json(notes));
        return new IngestOutcome(runId, summary, sessions.surfaces(), sessions.slicesFitted(),
                sessions.slicesButterflyFree(), drops, failures, refreshed, ivSource, sessions.vendorIvFallbacks());
    }

    private static String json(Object o) {
        return Json.toJson(o);
    }
}
