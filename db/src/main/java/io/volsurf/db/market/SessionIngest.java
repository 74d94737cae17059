package io.volsurf.db.market;

import io.volsurf.db.market.MarketDataStore.QuoteAnalytics;
import io.volsurf.db.market.MarketDataStore.QuoteKey;
import io.volsurf.db.market.MarketDataStore.SessionAnalytics;
import io.volsurf.db.market.MarketDataStore.StoredFeatures;
import io.volsurf.db.market.MarketDataStore.StoredFit;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.features.FeatureBuilder;
import io.volsurf.forecaster.features.SessionFeatures;
import io.volsurf.forecaster.features.SpotHistoryFeatures;
import io.volsurf.forecaster.features.SpotObservation;
import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.forward.ParityForwardEstimator;
import io.volsurf.forecaster.grid.ExpiryDiagnostics;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SessionSurface;
import io.volsurf.forecaster.grid.SessionSurfaceBuilder;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.smile.FittedSmile;
import io.volsurf.forecaster.smile.IvSource;
import io.volsurf.forecaster.smile.SmileBuilder;
import io.volsurf.forecaster.smile.SmileFitter;
import io.volsurf.forecaster.smile.SmileSettings;
import io.volsurf.forecaster.smile.SmilePoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ingest does with each session chain it reads, whoever drives the reading: the single-machine
 * {@code ingest} command (all files in one process) and the Spark ingest job (one task per ticker) call
 * the same methods, so both store the same rows. Builds the session's surface and SVI fits (warm-started
 * from the stored sessions before it), its features (from the stored spots before it), and replaces the
 * stored session; at the end {@link #refreshSpotHistory()} recomputes the spot-history features of
 * sessions whose history this run changed. Not thread-safe: one instance per reading thread.
 */
public final class SessionIngest {

    private final MarketDataStore store;
    private final long runId;
    private final SessionSurfaceBuilder builder;
    private final IvSource ivSource;
    private int surfaces;
    private long vendorIvFallbacks;
    private int slicesFitted;
    private int slicesButterflyFree;
    private final Map<String, Integer> smileDrops = new TreeMap<>();
    private final List<String> sessionFailures = new ArrayList<>();
    private final Map<String, LocalDate[]> ingestedRange = new TreeMap<>();

    public SessionIngest(MarketDataStore store, long runId) {
        this(store, runId, IvSource.DEFAULT);
    }

    /** @param ivSource where the smiles' vols come from; stored with each session */
    public SessionIngest(MarketDataStore store, long runId, IvSource ivSource) {
        this.store = store;
        this.runId = runId;
        this.ivSource = ivSource;
        this.builder = new SessionSurfaceBuilder(GridSpec.defaultSpec(), new ParityForwardEstimator(),
                new SmileBuilder(SmileSettings.defaults(), ivSource), new SmileFitter());
    }

    /** Builds and stores a session with accepted quotes; a surface that cannot be built is a session failure. */
    public void onSession(SessionChain chain) {
        SessionAnalytics analytics;
        try {
            // Warm start and features from the stored sessions before this one (this run's
            // included): the same result however the sessions were split into ingest runs.
            SessionSurface built = builder.build(chain, store.sviFitsBefore(chain.underlying(), chain.session()));
            analytics = analytics(built, features(store, chain, built));
            surfaces++;
            for (StoredFit f : analytics.fits()) {
                slicesFitted++;
                if (f.butterflyFree()) {
                    slicesButterflyFree++;
                }
            }
            built.dropped().forEach((r, n) -> smileDrops.merge(r.name(), n, Integer::sum));
            if (ivSource == IvSource.VENDOR) {
                vendorIvFallbacks += priceVolPoints(built);
            }
        } catch (RuntimeException e) {
            sessionFailures.add(chain.underlying() + " " + chain.session() + ": " + e.getMessage());
            analytics = new SessionAnalytics(Map.of(), Map.of(), List.of(), null, null);
        }
        store.replaceSession(runId, chain, chain.format().cliName(), ivSource.cliName(), analytics);
        ingestedRange.merge(chain.underlying(), new LocalDate[] {chain.session(), chain.session()},
                (a, b) -> new LocalDate[] {min(a[0], b[0]), max(a[1], b[1])});
    }

    /** Nothing accepted: the stored session (if any) is kept; the rejects are kept under this run. */
    public void onEmptySession(SessionChain chain) {
        store.saveRejects(runId, chain.underlying(), chain.session(), chain.rejects());
    }

    /**
     * A session's log return and realised vols depend on the 21 stored sessions before it. When this run stored
     * a session that already has stored successors (a day re-ingested, files in any order), their values were
     * computed on the old history: recompute them, and this run's own, from the store. Returns how many stored
     * sessions changed. (SVI fits are not redone: a later session keeps the fit it got from its warm start.)
     */
    public int refreshSpotHistory() {
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

    /** Smile points whose vol comes from the price only: the vendor source, and the row carried no vendor IV. */
    private static long priceVolPoints(SessionSurface built) {
        long n = 0;
        for (FittedSmile f : built.smiles()) {
            for (SmilePoint p : f.smile().points()) {
                if (!(p.vendorVol() > 0)) {
                    n++;
                }
            }
        }
        return n;
    }

    public IvSource ivSource() {
        return ivSource;
    }

    /**
     * With the vendor source, the fitted smile points that had no vendor IV and took the vol inverted from their
     * price; 0 with the prices source.
     */
    public long vendorIvFallbacks() {
        return vendorIvFallbacks;
    }

    public int surfaces() {
        return surfaces;
    }

    public int slicesFitted() {
        return slicesFitted;
    }

    public int slicesButterflyFree() {
        return slicesButterflyFree;
    }

    /** Smile points dropped, by reason name; a copy. */
    public Map<String, Integer> smileDrops() {
        return new TreeMap<>(smileDrops);
    }

    /** "TICKER DATE: why" for each session whose surface could not be built; a copy. */
    public List<String> sessionFailures() {
        return List.copyOf(sessionFailures);
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
        TradingCalendar calendar = chain.format().calendar();
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
}
