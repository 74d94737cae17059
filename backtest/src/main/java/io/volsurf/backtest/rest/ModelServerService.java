package io.volsurf.backtest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.forecaster.sample.SampleAssembler;
import io.volsurf.backtest.rest.ModelServerResponses.ArbitrageView;
import io.volsurf.backtest.rest.ModelServerResponses.ImpliedVolResponse;
import io.volsurf.backtest.rest.ModelServerResponses.MarketSlice;
import io.volsurf.backtest.rest.ModelServerResponses.SurfaceCell;
import io.volsurf.backtest.rest.ModelServerResponses.SurfaceResponse;
import io.volsurf.backtest.rest.ModelServerResponses.SviParamsResponse;
import io.volsurf.backtest.rest.ModelServerResponses.TenorSvi;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.model.ModelStore;
import io.volsurf.forecaster.arbitrage.ArbitrageReport;
import io.volsurf.forecaster.arbitrage.MaturitySlice;
import io.volsurf.forecaster.arbitrage.SurfaceArbitrageCheck;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.model.ModelDirectory;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.forecaster.svi.SviParams;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The ModelServer's work: one model loaded once (config {@code volsurf.model-dir}, else the most recently
 * registered), forecasts cached by (model, ticker, as-of date) and each ticker's latest stored session cached, both
 * in {@link ComputingCache} (Caffeine: one computation per key, invalidation that wins over running computations,
 * metrics in Micrometer), each forecast's served JSON documents kept with it, and the warm start of every stored ticker's latest session
 * ("warm-start with prior theta-hat at market open").
 */
@ApplicationScoped
public class ModelServerService {

    private static final Logger LOG = Logger.getLogger(ModelServerService.class);
    /** Calendar days read back when the short read holds too few sessions (long holidays, gaps in the data). */
    private static final int LOOKBACK_DAYS = 120;

    /** A model in memory. DJL inference on one model is serialised on {@link #forecaster}. */
    record LoadedModel(String id, Path dir, TransformerForecaster forecaster) {
    }

    record ForecastKey(String modelId, String ticker, LocalDate date) {
    }

    /**
     * A cached forecast with everything the endpoints read from it, and the JSON documents already served from it
     * ({@link #json}: serialised once per grid request, not once per request).
     */
    public record ServedForecast(String modelId, String ticker, LocalDate date, LocalDate forecastFor,
            CanonicalSurface latest, SurfaceForecast forecast, ForecastSurfaceReader reader, String modelBlend,
            ArbitrageView arbitrage, ResponseBytes json) {
    }

    /**
     * Serialised responses of one forecast by request, bounded in bytes so that arbitrary grids cannot grow it: a
     * document over {@link #MAX_DOCUMENT} or past {@link #MAX_TOTAL} in all is served but not kept.
     */
    public static final class ResponseBytes {
        static final int MAX_DOCUMENT = 256 * 1024;
        static final int MAX_TOTAL = 1024 * 1024;
        private final ConcurrentHashMap<String, byte[]> documents = new ConcurrentHashMap<>();
        private final AtomicLong total = new AtomicLong();

        byte[] get(String request) {
            return documents.get(request);
        }

        void offer(String request, byte[] document) {
            if (document.length <= MAX_DOCUMENT && total.addAndGet(document.length) <= MAX_TOTAL) {
                if (documents.putIfAbsent(request, document) != null) {
                    total.addAndGet(-document.length);
                }
            } else {
                total.addAndGet(-document.length);
            }
        }
    }

    private final Instance<AgroalDataSource> dataSource;
    private final VolsurfServerConfig config;
    private final ObjectMapper json;
    private final ComputingCache<ForecastKey, ServedForecast> forecasts;
    private final ComputingCache<String, CanonicalSurface> latestSessions;
    private final Timer coldForecast;
    private final Object loadLock = new Object();
    private volatile LoadedModel model;
    private volatile Path modelDirOverride;
    private volatile String lastLoadFailure;

    public ModelServerService(Instance<AgroalDataSource> dataSource, VolsurfServerConfig config,
            MeterRegistry registry, ObjectMapper json) {
        this.dataSource = dataSource;
        this.config = config;
        this.json = json;
        this.forecasts = new ComputingCache<>("forecast", config.forecastCacheSize(), ForecastKey::ticker, registry);
        this.latestSessions = new ComputingCache<>("latest-session", config.latestCacheSize(), t -> t, registry);
        bind(registry, "forecast", forecasts);
        bind(registry, "latest-session", latestSessions);
        this.coldForecast = Timer.builder("volsurf.forecast.cold")
                .description("Time to compute a forecast not in the cache (database read, model, projector)")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** The volsurf_cache_* series kept from before Caffeine (dashboards read them), now from Caffeine's stats. */
    private static void bind(MeterRegistry registry, String name, ComputingCache<?, ?> cache) {
        FunctionCounter.builder("volsurf.cache.hits", cache, c -> c.stats().hitCount()).tag("cache", name)
                .description("ModelServer cache hits").register(registry);
        FunctionCounter.builder("volsurf.cache.misses", cache, c -> c.stats().missCount()).tag("cache", name)
                .description("ModelServer cache misses").register(registry);
        Gauge.builder("volsurf.cache.size", cache, ComputingCache::size).tag("cache", name)
                .description("ModelServer cache entries").register(registry);
    }

    // ---------------------------------------------------------------- model

    /**
     * Loads the model ({@code modelDir} when given, else config, else the latest registered) and warms the cache.
     *
     * @return the number of tickers whose latest session was forecast
     * @throws ModelUnavailableException when no model can be loaded
     */
    public int start(Optional<Path> modelDir) {
        if (modelDir.isPresent()) {
            Path dir = modelDir.get().toAbsolutePath().normalize();
            synchronized (loadLock) {
                modelDirOverride = dir;
                LoadedModel previous = model;
                if (previous != null && !previous.dir().equals(dir)) {
                    // An explicit choice replaces whatever a probe or request loaded lazily before.
                    model = null;
                    forecasts.invalidateIf(k -> k.modelId().equals(previous.id()));
                    synchronized (previous.forecaster()) {
                        previous.forecaster().close();
                    }
                }
            }
        }
        model();
        return config.warmStart() ? warm() : 0;
    }

    /** Forecasts each stored ticker's latest session into the cache; failures are logged, not fatal. */
    public int warm() {
        int warmed = 0;
        for (String ticker : market().tickers()) {
            try {
                forecast(ticker, null);
                warmed++;
            } catch (RuntimeException e) {
                LOG.warnf("warm start of %s skipped: %s", ticker, e.getMessage());
            }
        }
        return warmed;
    }

    /** True when a model is in memory. */
    public boolean modelLoaded() {
        return model != null;
    }

    /** Loads a model when none is, without throwing; true when one is loaded afterwards. */
    public boolean tryLoadModel() {
        try {
            model();
            return true;
        } catch (ModelUnavailableException e) {
            return false;
        }
    }

    /** The loaded model's id, or null. */
    public String modelId() {
        LoadedModel m = model;
        return m == null ? null : m.id();
    }

    /** The failure of the last load attempt, or null. */
    public String lastLoadFailure() {
        return lastLoadFailure;
    }

    LoadedModel model() {
        LoadedModel m = model;
        if (m != null) {
            return m;
        }
        synchronized (loadLock) {
            if (model != null) {
                return model;
            }
            Path dir = modelDirOverride != null ? modelDirOverride : config.modelDir().orElse(null);
            String origin = dir != null ? "volsurf.model-dir" : "the models table";
            if (dir == null) {
                dir = latestRegisteredModelDir();
                if (dir == null) {
                    lastLoadFailure = "no model configured (volsurf.model-dir) and none registered: run "
                            + "'./volsurf train' first";
                    throw new ModelUnavailableException(lastLoadFailure);
                }
            }
            dir = dir.toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
                lastLoadFailure = "no model in " + dir + " (from " + origin + "): manifest.json missing";
                throw new ModelUnavailableException(lastLoadFailure);
            }
            try {
                TransformerForecaster f = new ModelDirectory().load(dir);
                model = new LoadedModel(ModelStore.modelId(dir), dir, f);
                lastLoadFailure = null;
                LOG.infof("serving model %s from %s", model.id(), dir);
                return model;
            } catch (RuntimeException e) {
                lastLoadFailure = "cannot load the model in " + dir + ": " + e.getMessage();
                throw new ModelUnavailableException(lastLoadFailure, e);
            }
        }
    }

    private Path latestRegisteredModelDir() {
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select model_dir from models order by created_at desc, id limit 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Path.of(rs.getString(1)) : null;
        } catch (SQLException e) {
            LOG.errorf(e, "cannot read the models table");
            throw new ModelUnavailableException("cannot read the models table (is the database up?); the server log "
                    + "has the cause", e);
        }
    }

    /** True when the database answers a trivial query within a second. */
    public boolean databaseAnswers() {
        try (Connection c = dataSource.get().getConnection()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        LoadedModel m = model;
        if (m != null) {
            synchronized (m.forecaster()) {
                m.forecaster().close();
            }
        }
    }

    // ---------------------------------------------------------------- forecasts

    /**
     * The forecast made at the close of {@code date} (null: the ticker's latest session), from the cache when there.
     *
     * @throws ForecastingService.NoSuchElementException unknown ticker, no session on that date, too little history
     */
    public ServedForecast forecast(String ticker, LocalDate date) {
        LoadedModel m = model();
        LocalDate asOf = date != null ? date : latestSession(ticker).session();
        // One computation per key: concurrent misses wait for the first instead of each running the model.
        return forecasts.get(new ForecastKey(m.id(), ticker, asOf),
                k -> coldForecast.record(() -> compute(m, ticker, asOf)));
    }

    /** The forecast when it is cached, else null: no database, no model, no waiting (safe on an I/O thread). */
    ServedForecast cachedForecast(String ticker, LocalDate date) {
        LoadedModel m = model;
        if (m == null) {
            return null;
        }
        LocalDate asOf = date;
        if (asOf == null) {
            CanonicalSurface latest = latestSessions.peek(ticker);
            if (latest == null) {
                return null;
            }
            asOf = latest.session();
        }
        return forecasts.peek(new ForecastKey(m.id(), ticker, asOf));
    }

    /** The ticker's latest stored session (its surface and SVI fits), cached. */
    public CanonicalSurface latestSession(String ticker) {
        return latestSessions.get(ticker, t -> {
            LocalDate last = lastStoredSession(t);
            if (last == null) {
                throw unknownTicker(t);
            }
            List<CanonicalSurface> one = market().surfaces(t, last, last);
            if (one.isEmpty()) {
                throw unknownTicker(t);
            }
            return one.get(0);
        });
    }

    /**
     * Drops what is cached for {@code ticker} (after its sessions were replaced), including the results of
     * computations that are still running: they read the sessions before the replace.
     */
    public void invalidate(String ticker) {
        forecasts.invalidate(ticker);
        latestSessions.invalidate(ticker);
    }

    private ServedForecast compute(LoadedModel m, String ticker, LocalDate date) {
        int window = m.forecaster().config().window();
        List<CanonicalSurface> upTo = market().surfaces(ticker, date.minusDays(2L * window + 10), date);
        if (upTo.size() < window) {
            upTo = market().surfaces(ticker, date.minusDays(LOOKBACK_DAYS), date);
        }
        if (upTo.isEmpty() || !upTo.get(upTo.size() - 1).session().equals(date)) {
            LocalDate last = lastStoredSession(ticker);
            if (last == null) {
                throw unknownTicker(ticker);
            }
            throw new ForecastingService.NoSuchElementException(ticker + " has no stored session on " + date
                    + " (latest stored session: " + last + ")");
        }
        if (upTo.size() < window) {
            throw new ForecastingService.NoSuchElementException(ticker + " has " + upTo.size() + " stored sessions up to "
                    + date + " within " + LOOKBACK_DAYS + " days; the model needs N=" + window);
        }
        List<CanonicalSurface> hist = upTo.subList(upTo.size() - window, upTo.size());
        CanonicalSurface latest = hist.get(hist.size() - 1);
        LocalDate next = ForecastingService.calendarOf(market(), ticker, upTo).nextSession(date);
        SurfaceForecast f;
        try {
            synchronized (m.forecaster()) {
                f = m.forecaster().forecast(SampleAssembler.history(hist, next));
            }
        } catch (IllegalArgumentException e) {
            throw new ForecastUnavailableException("model " + m.id() + " cannot forecast " + ticker + " at " + date
                    + ": " + e.getMessage(), e);
        }
        ForecastSurfaceReader reader = new ForecastSurfaceReader(f, latest);
        String blend = m.forecaster().config().blend().name().toLowerCase(Locale.ROOT);
        return new ServedForecast(m.id(), ticker, date, next, latest, f, reader, blend, arbitrage(f),
                new ResponseBytes());
    }

    private static ArbitrageView arbitrage(SurfaceForecast f) {
        if (f.tenorSvi().size() != f.spec().tenorCount()) {
            return new ArbitrageView(f.projection(), null, null, null, null, null);
        }
        List<MaturitySlice> slices = new ArrayList<>();
        for (int m = 0; m < f.spec().tenorCount(); m++) {
            slices.add(new MaturitySlice(f.spec().tenorYears(m), f.tenorSvi().get(m)));
        }
        ArbitrageReport r = new SurfaceArbitrageCheck().check(slices);
        return new ArbitrageView(f.projection(), r.butterflyFree(), finiteOrNull(r.minG()), finiteOrNull(r.minGAtK()),
                finiteOrNull(r.minGAtMaturityYears()), r.calendarViolations().size());
    }

    private LocalDate lastStoredSession(String ticker) {
        try (Connection c = dataSource.get().getConnection();
                PreparedStatement ps = c.prepareStatement("select max(session_date) from surfaces where ticker = ?")) {
            ps.setString(1, ticker);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, LocalDate.class) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stored sessions: " + e.getMessage(), e);
        }
    }

    private ForecastingService.NoSuchElementException unknownTicker(String ticker) {
        return new ForecastingService.NoSuchElementException("no stored surfaces for ticker " + ticker
                + " (ingest its chains first, or POST /api/v1/chains/" + ticker + ")");
    }

    // ---------------------------------------------------------------- endpoint views

    /** The surface document as JSON, serialised once per forecast and grid request. */
    public byte[] surfaceJson(String ticker, LocalDate date, double[] tenorsDays, double[] k, double[] strikes) {
        ServedForecast f = forecast(ticker, date);
        return document(f, surfaceRequest(tenorsDays, k, strikes),
                () -> surface(f, tenorsDays, k, strikes));
    }

    /** The cached surface document, or null when it is not (yet) serialised for this forecast and grid. */
    public byte[] cachedSurfaceJson(String ticker, LocalDate date, double[] tenorsDays, double[] k, double[] strikes) {
        ServedForecast f = cachedForecast(ticker, date);
        return f == null ? null : f.json().get(surfaceRequest(tenorsDays, k, strikes));
    }

    /** The SVI parameters document as JSON, serialised once per forecast. */
    public byte[] sviParamsJson(String ticker, LocalDate date) {
        ServedForecast f = forecast(ticker, date);
        return document(f, "svi-params", () -> sviParams(f));
    }

    public byte[] cachedSviParamsJson(String ticker, LocalDate date) {
        ServedForecast f = cachedForecast(ticker, date);
        return f == null ? null : f.json().get("svi-params");
    }

    /** One implied vol from a cached forecast (a few microseconds of arithmetic), or null when none is cached. */
    public ImpliedVolResponse cachedImpliedVol(String ticker, LocalDate date, double maturityYears, double strike) {
        ServedForecast f = cachedForecast(ticker, date);
        return f == null ? null : impliedVol(f, maturityYears, strike);
    }

    private static String surfaceRequest(double[] tenorsDays, double[] k, double[] strikes) {
        if (k != null && strikes != null) {
            throw new BadParameterException("strikes", "give k (log-moneyness) or strikes, not both");
        }
        return "surface|" + Arrays.toString(tenorsDays) + "|" + Arrays.toString(k) + "|" + Arrays.toString(strikes);
    }

    private byte[] document(ServedForecast f, String request, java.util.function.Supplier<Object> build) {
        byte[] cached = f.json().get(request);
        if (cached != null) {
            return cached;
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(build.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the " + request + " document: " + e.getMessage(), e);
        }
        f.json().offer(request, bytes);
        return bytes;
    }

    /** The forecast surface on the requested grid (all arguments already parsed; null = absent). */
    public SurfaceResponse surface(String ticker, LocalDate date, double[] tenorsDays, double[] k, double[] strikes) {
        if (k != null && strikes != null) {
            throw new BadParameterException("strikes", "give k (log-moneyness) or strikes, not both");
        }
        return surface(forecast(ticker, date), tenorsDays, k, strikes);
    }

    private SurfaceResponse surface(ServedForecast f, double[] tenorsDays, double[] k, double[] strikes) {
        ForecastSurfaceReader r = f.reader();
        GridSpec spec = r.spec();
        List<SurfaceCell> cells = new ArrayList<>();
        String grid;
        if (tenorsDays == null && k == null && strikes == null) {
            grid = "canonical";
            double[] cellK = f.forecast().logMoneyness();
            for (int c = 0; c < spec.cellCount(); c++) {
                cells.add(cell(f, spec.tenorsDays()[c / spec.knotCount()], cellK[c]));
            }
        } else {
            double[] days = tenorsDays != null ? tenorsDays : toDoubles(spec.tenorsDays());
            grid = strikes != null ? "tenors-strikes" : k != null ? "tenors-k" : "tenors-knots";
            if (strikes != null) {
                requireForward(f);
            }
            for (double d : days) {
                double t = d / 365.0;
                if (strikes != null) {
                    for (double strike : strikes) {
                        cells.add(cell(f, d, Math.log(strike / r.forward(t))));
                    }
                } else if (k != null) {
                    for (double x : k) {
                        cells.add(cell(f, d, x));
                    }
                } else {
                    for (int j = 0; j < spec.knotCount(); j++) {
                        cells.add(cell(f, d, r.knotLogMoneyness(j, t)));
                    }
                }
            }
        }
        return new SurfaceResponse(f.ticker(), f.date(), f.forecastFor(), f.modelId(), r.source(), f.modelBlend(), grid,
                ForecastSurfaceReader.EXTRAPOLATION, cells, tenorSvi(f), f.arbitrage());
    }

    /** One implied vol at {@code maturityYears} and {@code strike}, by the surface endpoint's rule. */
    public ImpliedVolResponse impliedVol(String ticker, LocalDate date, double maturityYears, double strike) {
        return impliedVol(forecast(ticker, date), maturityYears, strike);
    }

    private static ImpliedVolResponse impliedVol(ServedForecast f, double maturityYears, double strike) {
        requireForward(f);
        ForecastSurfaceReader r = f.reader();
        double forward = r.forward(maturityYears);
        double k = Math.log(strike / forward);
        double w = r.totalVariance(maturityYears, k);
        return new ImpliedVolResponse(f.ticker(), f.date(), f.forecastFor(), f.modelId(), maturityYears, strike,
                forward, k, w, Math.sqrt(w / maturityYears), r.extrapolated(maturityYears, k), r.source(),
                ForecastSurfaceReader.EXTRAPOLATION);
    }

    /** The forecast's SVI slice per model tenor and the as-of session's fitted slices. */
    public SviParamsResponse sviParams(String ticker, LocalDate date) {
        return sviParams(forecast(ticker, date));
    }

    private static SviParamsResponse sviParams(ServedForecast f) {
        List<MarketSlice> market = new ArrayList<>();
        for (SmileSlice s : f.latest().slices()) {
            SviParams p = s.svi();
            market.add(new MarketSlice(s.expiry(), s.maturityYears(), s.forward(), p.a(), p.b(), p.rho(), p.m(),
                    p.sigma(), s.minK(), s.maxK(), s.quotes(), finiteOrNull(s.rmseVolPoints())));
        }
        return new SviParamsResponse(f.ticker(), f.date(), f.forecastFor(), f.modelId(), f.reader().source(),
                tenorSvi(f), market);
    }

    private static SurfaceCell cell(ServedForecast f, double tenorDays, double k) {
        ForecastSurfaceReader r = f.reader();
        double t = tenorDays / 365.0;
        double w = r.totalVariance(t, k);
        double forward = r.hasForward() ? r.forward(t) : Double.NaN;
        return new SurfaceCell(tenorDays, t, k, r.hasForward() ? forward * Math.exp(k) : 0.0,
                r.hasForward() ? forward : 0.0, w, Math.sqrt(w / t), r.extrapolated(t, k));
    }

    private static List<TenorSvi> tenorSvi(ServedForecast f) {
        List<TenorSvi> out = new ArrayList<>();
        SurfaceForecast fc = f.forecast();
        if (fc.tenorSvi().size() != fc.spec().tenorCount()) {
            return out;
        }
        ForecastSurfaceReader r = f.reader();
        for (int m = 0; m < fc.spec().tenorCount(); m++) {
            SviParams p = fc.tenorSvi().get(m);
            double t = fc.spec().tenorYears(m);
            out.add(new TenorSvi(fc.spec().tenorsDays()[m], t, r.hasForward() ? r.forward(t) : 0.0, p.a(), p.b(),
                    p.rho(), p.m(), p.sigma()));
        }
        return out;
    }

    private static void requireForward(ServedForecast f) {
        if (!f.reader().hasForward()) {
            throw new ForecastUnavailableException(f.ticker() + " " + f.date()
                    + " has neither a spot nor a fitted forward: strikes cannot be mapped to log-moneyness", null);
        }
    }

    private static double[] toDoubles(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    MarketDataStore market() {
        return new MarketDataStore(dataSource.get());
    }
}
