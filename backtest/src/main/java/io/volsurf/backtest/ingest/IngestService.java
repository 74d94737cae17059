package io.volsurf.backtest.ingest;

import io.agroal.api.AgroalDataSource;
import io.volsurf.db.market.MarketDataStore.QuoteAnalytics;
import io.volsurf.db.market.MarketDataStore.QuoteKey;
import io.volsurf.db.market.MarketDataStore.SessionAnalytics;
import io.volsurf.db.market.MarketDataStore.StoredFeatures;
import io.volsurf.db.market.MarketDataStore.StoredFit;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.calendar.ContinuousCalendar;
import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.features.FeatureBuilder;
import io.volsurf.forecaster.features.SessionFeatures;
import io.volsurf.forecaster.features.SpotHistoryFeatures;
import io.volsurf.forecaster.features.SpotObservation;
import io.volsurf.forecaster.forward.ExpiryForward;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
            int featuresRefreshed) {
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
        MarketDataStore store = new MarketDataStore(dataSource.get());
        // Runs of killed processes say so in the table, not only in ingest_run_summary.
        store.failAbandonedIngestRuns();
        try (MarketDataStore.IngestRunClaim claim = store.claimIngestRun(
                paths.stream().map(Path::toString).collect(Collectors.joining(" ")))) {
            return ingest(store, claim.runId(), paths, format, progress);
        }
    }

    private IngestOutcome ingest(MarketDataStore store, long runId, List<Path> paths, ChainFormat format,
            Progress progress) {
        SessionSurfaceBuilder builder = new SessionSurfaceBuilder();
        int[] surfaces = {0};
        int[] fitted = {0};
        int[] butterflyFree = {0};
        Map<String, Integer> drops = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, LocalDate[]> ingestedRange = new TreeMap<>();
        IngestListener listener = new IngestListener() {
            @Override
            public void onSession(SessionChain chain) {
                progress.session(chain);
                SessionAnalytics analytics;
                try {
                    // Warm start and features from the stored sessions before this one (this run's
                    // included): the same result however the sessions were split into ingest runs.
                    SessionSurface built = builder.build(chain,
                            store.sviFitsBefore(chain.underlying(), chain.session()));
                    analytics = analytics(built, features(store, chain, built));
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
                ingestedRange.merge(chain.underlying(), new LocalDate[] {chain.session(), chain.session()},
                        (a, b) -> new LocalDate[] {min(a[0], b[0]), max(a[1], b[1])});
            }

            @Override
            public void onEmptySession(SessionChain chain) {
                // Nothing accepted: the stored session (if any) is kept; the rejects are kept under this run.
                progress.session(chain);
                store.saveRejects(runId, chain.underlying(), chain.session(), chain.rejects());
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
        int refreshed = refreshSpotHistory(store, ingestedRange);
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("featuresRefreshed", refreshed);
        notes.put("holidayFolders", summary.holidayFolders());
        notes.put("skippedFiles", summary.skippedFiles());
        notes.put("emptySessions", summary.emptySessions());
        notes.put("ivUnits", summary.ivUnits());
        notes.put("smileDrops", drops);
        notes.put("sessionFailures", failures);
        store.finishIngestRun(runId, "completed", summary.files(), json(summary.filesFailed()), summary.sessions(),
                summary.accepted(), summary.rejected(), json(summary.rejectReasons()), json(notes));
        return new IngestOutcome(runId, summary, surfaces[0], fitted[0], butterflyFree[0], drops, failures,
                refreshed);
    }

    /**
     * A session's log return and realised vols depend on the 21 stored sessions before it. When this run stored
     * a session that already has stored successors (a day re-ingested, files in any order), their values were
     * computed on the old history: recompute them, and this run's own, from the store. Returns how many stored
     * sessions changed. (SVI fits are not redone: a later session keeps the fit it got from its warm start.)
     */
    private static int refreshSpotHistory(MarketDataStore store, Map<String, LocalDate[]> ingestedRange) {
        int changed = 0;
        for (Map.Entry<String, LocalDate[]> e : ingestedRange.entrySet()) {
            String ticker = e.getKey();
            LocalDate first = e.getValue()[0];
            List<SpotObservation> spots = store.spotsAround(ticker, first, e.getValue()[1],
                    FeatureBuilder.HISTORY_SESSIONS, FeatureBuilder.HISTORY_SESSIONS);
            List<SpotHistoryFeatures> recomputed = FeatureBuilder.spotHistory(spots).stream()
                    .filter(f -> !f.session().isBefore(first)).toList();
            changed += store.updateSpotHistory(ticker, recomputed);
        }
        return changed;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * Features need the ticker's earlier sessions (realised vol over up to 21 returns): they come from the
     * store, where this run's earlier sessions already are, so ingesting a folder in one go, day by day, or
     * a day again later gives the same features.
     */
    private static StoredFeatures features(MarketDataStore store, SessionChain chain, SessionSurface built) {
        TradingCalendar calendar = chain.format() == ChainFormat.DERIBIT ? new ContinuousCalendar() : new NyseCalendar();
        SessionFeatures f = FeatureBuilder.continuing(calendar,
                store.spotsBefore(chain.underlying(), chain.session(), FeatureBuilder.HISTORY_SESSIONS)).next(chain, built);
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("spot", f.spot());
        v.put("log_return", f.logReturn());
        v.put("realized_vol_5", f.realizedVol5());
        v.put("realized_vol_21", f.realizedVol21());
        v.put("rate_minus_div", f.rateMinusDiv());
        v.put("atm_vol_30d", f.atmVol30d());
        v.put("skew_30d", f.skew30d());
        v.put("term_slope", f.termSlope());
        v.put("volume", f.volume());
        v.put("open_interest", f.openInterest());
        v.put("median_spread_vol", f.medianSpreadVol());
        v.put("model_free_vix", f.modelFreeVix());
        v.put("next_session_gap_days", (double) f.nextSessionGapDays());
        return new StoredFeatures(v);
    }

    static SessionAnalytics analytics(SessionSurface built, StoredFeatures features) {
        Map<QuoteKey, QuoteAnalytics> quotes = new HashMap<>();
        Map<LocalDate, ExpiryForward> forwards = new HashMap<>();
        for (ExpiryDiagnostics e : built.expiries()) {
            forwards.put(e.forward().expiry(), e.forward());
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
        return new SessionAnalytics(quotes, forwards, fits, built.surface(), features);
    }

    private static String json(Object o) {
        return io.volsurf.backtest.cli.Output.toJson(o);
    }
}
