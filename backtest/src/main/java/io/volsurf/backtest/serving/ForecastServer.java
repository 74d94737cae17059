package io.volsurf.backtest.serving;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.volsurf.backtest.app.VolsurfServerConfig;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.forecasting.HistoryWindow;
import io.volsurf.backtest.serving.ServedForecast.ResponseBytes;
import io.volsurf.backtest.serving.ServedModel.LoadedModel;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.CanonicalSurface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Forecasts of the {@link ServedModel}, cached: forecasts by (model, ticker, as-of date) and each ticker's latest
 * stored session, both in {@link ComputingCache} (Caffeine: one computation per key, invalidation that wins over
 * running computations, metrics in Micrometer), and the warm start of every stored ticker's latest session
 * ("warm-start with prior theta-hat at market open"). The REST resources, the charts and {@code serve} share it.
 */
@ApplicationScoped
public class ForecastServer {

    private static final Logger LOG = Logger.getLogger(ForecastServer.class);

    record ForecastKey(String modelId, String ticker, LocalDate date) {
    }

    private final Instance<AgroalDataSource> dataSource;
    private final ServedModel model;
    private final boolean warmStart;
    private final ComputingCache<ForecastKey, ServedForecast> forecasts;
    private final ComputingCache<String, CanonicalSurface> latestSessions;
    private final Timer coldForecast;

    public ForecastServer(Instance<AgroalDataSource> dataSource, ServedModel model, VolsurfServerConfig config,
            MeterRegistry registry) {
        this.dataSource = dataSource;
        this.model = model;
        this.warmStart = config.warmStart();
        this.forecasts = new ComputingCache<>("forecast", config.forecastCacheSize(), ForecastKey::ticker, registry);
        this.latestSessions = new ComputingCache<>("latest-session", config.latestCacheSize(), t -> t, registry);
        bind(registry, "forecast", forecasts);
        bind(registry, "latest-session", latestSessions);
        this.coldForecast = Timer.builder("volsurf.forecast.cold")
                .description("Time to compute a forecast not in the cache (database read, model, projector)")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** The volsurf_cache_* series that dashboards read, from Caffeine's stats. */
    private static void bind(MeterRegistry registry, String name, ComputingCache<?, ?> cache) {
        FunctionCounter.builder("volsurf.cache.hits", cache, c -> c.stats().hitCount()).tag("cache", name)
                .description("ModelServer cache hits").register(registry);
        FunctionCounter.builder("volsurf.cache.misses", cache, c -> c.stats().missCount()).tag("cache", name)
                .description("ModelServer cache misses").register(registry);
        Gauge.builder("volsurf.cache.size", cache, ComputingCache::size).tag("cache", name)
                .description("ModelServer cache entries").register(registry);
    }

    /**
     * Loads the model ({@code modelDir} when given, else config, else the latest registered) and warms the cache.
     *
     * @return the number of tickers whose latest session was forecast
     * @throws ModelUnavailableException when no model can be loaded
     */
    public int start(Optional<Path> modelDir) {
        modelDir.ifPresent(dir -> model.choose(dir,
                replaced -> forecasts.invalidateIf(k -> k.modelId().equals(replaced))));
        model.get();
        return warmStart ? warm() : 0;
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

    /**
     * The forecast made at the close of {@code date} (null: the ticker's latest session), from the cache when there.
     *
     * @throws ForecastingService.NoSuchElementException unknown ticker, no session on that date, too little history
     * @throws ModelUnavailableException no model can be loaded
     * @throws ForecastUnavailableException the model cannot forecast from the stored history
     */
    public ServedForecast forecast(String ticker, LocalDate date) {
        LoadedModel m = model.get();
        LocalDate asOf = date != null ? date : latestSession(ticker).session();
        // One computation per key: concurrent misses wait for the first instead of each running the model.
        return forecasts.get(new ForecastKey(m.id(), ticker, asOf),
                k -> coldForecast.record(() -> compute(m, ticker, asOf)));
    }

    /** The forecast when it is cached, else null: no database, no model, no waiting (safe on an I/O thread). */
    public ServedForecast cachedForecast(String ticker, LocalDate date) {
        LoadedModel m = model.peek();
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
            LocalDate last = market().lastSession(t);
            if (last == null) {
                throw HistoryWindow.unknownTicker(t);
            }
            List<CanonicalSurface> one = market().surfaces(t, last, last);
            if (one.isEmpty()) {
                throw HistoryWindow.unknownTicker(t);
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

    /** The stored market the forecasts read. */
    public MarketDataStore market() {
        return new MarketDataStore(dataSource.get());
    }

    private ServedForecast compute(LoadedModel m, String ticker, LocalDate date) {
        HistoryWindow window = HistoryWindow.read(market(), ticker, date, m.forecaster().config().window(),
                m.forecaster().config().gridSpec());
        CanonicalSurface latest = window.latest();
        SurfaceForecast f;
        try {
            synchronized (m.forecaster()) {
                f = m.forecaster().forecast(window.history());
            }
        } catch (IllegalArgumentException e) {
            throw new ForecastUnavailableException("model " + m.id() + " cannot forecast " + ticker + " at " + date
                    + ": " + e.getMessage(), e);
        }
        ForecastSurfaceReader reader = new ForecastSurfaceReader(f, latest);
        String blend = m.forecaster().config().blend().name().toLowerCase(Locale.ROOT);
        return new ServedForecast(m.id(), ticker, date, window.nextSession(), latest, f, reader, blend,
                ArbitrageView.of(f), new ResponseBytes());
    }
}
