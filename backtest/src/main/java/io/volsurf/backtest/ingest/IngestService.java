package io.volsurf.backtest.ingest;

import io.agroal.api.AgroalDataSource;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.market.MarketDataStore.QuoteAnalytics;
import io.volsurf.db.market.MarketDataStore.QuoteKey;
import io.volsurf.db.market.MarketDataStore.SessionAnalytics;
import io.volsurf.db.market.MarketDataStore.StoredFit;
import io.volsurf.forecaster.grid.ExpiryDiagnostics;
import io.volsurf.forecaster.grid.SessionSurface;
import io.volsurf.forecaster.grid.SessionSurfaceBuilder;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.IngestListener;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.smile.FittedSmile;
import io.volsurf.forecaster.smile.SmilePoint;
import io.volsurf.forecaster.svi.SviParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code ingest}: reads chain files one session at a time, builds each session's surface and
 * stores it (replacing a previous ingest of the same session). A session whose surface cannot be
 * built is still stored with its quotes, and counted; a file that cannot be read is reported and
 * the run goes on.
 */
@ApplicationScoped
public class IngestService {

    private final Instance<AgroalDataSource> dataSource;

    public IngestService(Instance<AgroalDataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** What an ingest run did; {@code summary} carries the fixed JSON fields. */
    public record IngestOutcome(long runId, IngestSummary summary, int surfaces, int slicesFitted,
            int slicesButterflyFree, Map<String, Integer> smileDrops, List<String> sessionFailures) {
    }

    /** Callbacks for progress display. */
    public interface Progress {
        void file(Path file, int index, int total);

        void session(SessionChain chain);
    }

    public IngestOutcome ingest(List<Path> paths, ChainFormat format, Progress progress) {
        MarketDataStore store = new MarketDataStore(dataSource.get());
        long runId = store.startIngestRun(paths.stream().map(Path::toString).collect(Collectors.joining(" ")));
        SessionSurfaceBuilder builder = new SessionSurfaceBuilder();
        Map<String, Map<LocalDate, SviParams>> warmStarts = new HashMap<>();
        int[] surfaces = {0};
        int[] fitted = {0};
        int[] butterflyFree = {0};
        Map<String, Integer> drops = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        IngestListener listener = new IngestListener() {
            @Override
            public void onSession(SessionChain chain) {
                progress.session(chain);
                SessionAnalytics analytics;
                try {
                    SessionSurface built = builder.build(chain,
                            warmStarts.getOrDefault(chain.underlying(), Map.of()));
                    warmStarts.put(chain.underlying(), built.warmStarts());
                    analytics = analytics(built);
                    surfaces[0]++;
                    for (StoredFit f : analytics.fits()) {
                        fitted[0]++;
                        if (f.butterflyFree()) {
                            butterflyFree[0]++;
                        }
                    }
                    built.dropped().forEach((r, n) -> drops.merge(r.name(), n, Integer::sum));
                } catch (RuntimeException e) {
                    failures.add(chain.underlying() + " " + chain.session() + ": " + e.getMessage());
                    analytics = new SessionAnalytics(Map.of(), Map.of(), List.of(), null, null);
                }
                store.replaceSession(runId, chain, chain.format().cliName(), analytics);
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
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("holidayFolders", summary.holidayFolders());
        notes.put("skippedFiles", summary.skippedFiles());
        notes.put("smileDrops", drops);
        notes.put("sessionFailures", failures);
        store.finishIngestRun(runId, "completed", summary.files(), json(summary.filesFailed()), summary.sessions(),
                summary.accepted(), summary.rejected(), json(summary.rejectReasons()), json(notes));
        return new IngestOutcome(runId, summary, surfaces[0], fitted[0], butterflyFree[0], drops, failures);
    }

    static SessionAnalytics analytics(SessionSurface built) {
        Map<QuoteKey, QuoteAnalytics> quotes = new HashMap<>();
        Map<LocalDate, Double> forwards = new HashMap<>();
        for (ExpiryDiagnostics e : built.expiries()) {
            forwards.put(e.forward().expiry(), e.forward().forward());
        }
        for (FittedSmile f : built.smiles()) {
            LocalDate expiry = f.smile().forward().expiry();
            for (SmilePoint p : f.smile().points()) {
                quotes.put(new QuoteKey(expiry, p.strike(), p.type()),
                        new QuoteAnalytics(p.vol(), p.bidVol(), p.askVol(), f.smile().forward().forward()));
            }
        }
        Map<LocalDate, ExpiryDiagnostics> byExpiry = new HashMap<>();
        built.expiries().forEach(e -> byExpiry.put(e.forward().expiry(), e));
        List<StoredFit> fits = new ArrayList<>();
        if (built.surface() != null) {
            for (SmileSlice s : built.surface().slices()) {
                ExpiryDiagnostics e = byExpiry.get(s.expiry());
                double discount = e == null ? Double.NaN : e.forward().discount();
                boolean free = e == null || e.fit() == null || e.fit().butterflyFree();
                double minG = e == null || e.fit() == null ? Double.NaN : e.fit().minG();
                fits.add(new StoredFit(s, discount, free, minG));
            }
        }
        return new SessionAnalytics(quotes, forwards, fits, built.surface(), null);
    }

    private static String json(Object o) {
        return io.volsurf.backtest.cli.Output.toJson(o);
    }
}
