package io.volsurf.backtest.runner;

import io.volsurf.db.jdbc.RunOwnerLock;
import io.agroal.api.AgroalDataSource;
import io.volsurf.backtest.app.Json;
import io.volsurf.forecaster.sample.SampleAssembler;
import io.volsurf.db.backtest.BacktestStore;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.model.ModelRegistry;
import io.volsurf.db.model.ModelStore;
import io.volsurf.db.backtest.RunRegistry;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.model.ModelDirectory;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.greeks.quantlib.QuantLibEngineConfig;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.ExerciseStyleRule;
import io.volsurf.strategy.config.StrategySettings;
import io.volsurf.strategy.backtest.BacktestEngine;
import io.volsurf.strategy.backtest.BacktestSummary;
import io.volsurf.strategy.backtest.SessionInput;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.market.MarketSession;
import io.volsurf.strategy.market.SurfaceForecastView;
import io.volsurf.strategy.market.SurfaceVolatility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code backtest}: stored sessions of one ticker, the model's forecast at each close, the strategy
 * engine, and every session's results written as it completes. A run is a function of (ticker,
 * period, strategy config, model); nothing is shared between runs, so several can run side by side.
 */
@ApplicationScoped
public class BacktestService {

    private final Supplier<? extends DataSource> dataSource;
    private final Map<String, ExerciseStyle> exerciseStyles;
    /** Runs and sweeps (small rows): Panache in the application; session rows go through BacktestStore's COPY. */
    private final RunRegistry registry;
    private final ModelRegistry models;

    @Inject
    public BacktestService(Instance<AgroalDataSource> dataSource, org.eclipse.microprofile.config.Config appConfig,
            RunRegistry registry, ModelRegistry models) {
        this.dataSource = dataSource::get;
        this.exerciseStyles = exerciseStyleTable(appConfig);
        this.registry = registry;
        this.models = models;
    }

    /**
     * On a given database outside the application's (tests, benchmarks): the same code path, with the registry
     * rows written by JDBC on that database.
     */
    public BacktestService(DataSource dataSource) {
        this.dataSource = () -> dataSource;
        this.exerciseStyles = Map.of();
        this.registry = new BacktestStore(dataSource);
        this.models = new ModelStore(dataSource);
    }

    /** Per-ticker exercise styles from {@code volsurf.exercise-style.<TICKER>=american|european}. */
    static Map<String, ExerciseStyle> exerciseStyleTable(org.eclipse.microprofile.config.Config appConfig) {
        Map<String, ExerciseStyle> out = new java.util.HashMap<>();
        String prefix = "volsurf.exercise-style.";
        for (String name : appConfig.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                String key = name.substring(prefix.length()).toUpperCase(java.util.Locale.ROOT);
                appConfig.getOptionalValue(name, String.class)
                        .ifPresent(v -> out.put(key, ExerciseStyle.parse(v, name)));
            }
        }
        return Map.copyOf(out);
    }

    /** A finished run. */
    public record RunOutcome(long runId, String status, BacktestSummary summary) {
    }

    /**
     * What a resume was given besides the run id; null (or empty) where not given. Anything given must equal the
     * stored run's: a resume always runs with the stored configuration.
     *
     * @param settings strategy settings given ({@code --config}, {@code --set}, the aliases), by key
     */
    public record ResumeArguments(String ticker, HedgeMode hedgeMode, Path modelDir, LocalDate from, LocalDate to,
            Map<String, String> settings) {
        public ResumeArguments {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }

        public static ResumeArguments none() {
            return new ResumeArguments(null, null, null, null, null, Map.of());
        }
    }

    /** Config for the data's venue: Deribit (coin options, every day) or US equity options. */
    public static StrategyConfig defaultsFor(boolean crypto, HedgeMode mode) {
        StrategyConfig base = crypto ? StrategyConfig.deribit() : StrategyConfig.usEquity();
        return base.toBuilder().hedgeMode(mode).build();
    }

    /** The label a run is stored under ({@code run_summary.strategy}): delta, delta-gamma or none. */
    public static String strategyLabel(HedgeMode mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** True for an underlying whose sessions include every calendar day (coin options). */
    public boolean tradesEveryDay(String ticker) {
        return TradingCalendar.tradesEveryDay(new MarketDataStore(dataSource.get()).sessionDates(ticker));
    }

    /** The config with its exercise style resolved for the ticker (AUTO becomes AMERICAN or EUROPEAN). */
    public StrategyConfig resolveExerciseStyle(String ticker, StrategyConfig config) {
        if (config.exerciseStyle() != ExerciseStyleRule.AUTO) {
            return config;
        }
        ExerciseStyle style = config.exerciseStyle().resolve(ticker, tradesEveryDay(ticker), exerciseStyles);
        return config.toBuilder().exerciseStyle(ExerciseStyleRule.of(style)).build();
    }

    /**
     * A new run ({@code resumeRunId} null), or a resume of a stored one where every argument given must equal the
     * stored run's (ticker, strategy, model, period and every setting of {@code config}).
     */
    public RunOutcome run(String ticker, StrategyConfig config, Path modelDir, LocalDate from, LocalDate to,
            Long resumeRunId, Consumer<LocalDate> progress) {
        if (resumeRunId != null) {
            return resume(resumeRunId, new ResumeArguments(ticker, config.hedgeMode(), modelDir, from, to,
                    StrategySettings.text(resolveExerciseStyle(ticker, config))), progress);
        }
        return start(ticker, config, modelDir, from, to, null, null, progress);
    }

    private RunOutcome start(String ticker, StrategyConfig config, Path modelDir, LocalDate from, LocalDate to,
            Long sweepId, String sweepSettingsJson, Consumer<LocalDate> progress) {
        StrategyConfig resolved = resolveExerciseStyle(ticker, config);
        BacktestStore store = new BacktestStore(dataSource.get());
        List<SessionInput> inputs = inputs(ticker, resolved, modelDir, from, to);
        String modelId = models.idFor(modelDir);
        String configJson = StrategySettings.toJson(resolved);
        RunOwnerLock claim = store.startRun(strategyLabel(resolved.hedgeMode()), ticker, modelId,
                modelDir.toAbsolutePath().normalize().toString(), from, to, configJson, sha256(configJson),
                codeVersion(), sweepId, sweepSettingsJson);
        return execute(store, claim, resolved, inputs, modelId, null, progress);
    }

    /**
     * A sweep's base arguments: what every run shares before its grid point is applied.
     *
     * @param settings strategy settings by key (application, --config, --set, aliases), applied before the point
     */
    public record SweepBase(String ticker, HedgeMode hedgeMode, Path modelDir, LocalDate from, LocalDate to,
            Map<String, String> settings) {
        public SweepBase {
            settings = settings == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(settings));
        }
    }

    /** One run of a sweep, as reported. */
    public record SweepRunOutcome(Long runId, Map<String, String> settings, String status, Double totalPnl,
            Double sharpe, Double maxDrawdown, String error) {
    }

    /** A sweep's id and its runs in grid order. */
    public record SweepOutcome(long sweepId, List<SweepRunOutcome> runs) {
    }

    /** Keys a sweep may vary besides the strategy settings. */
    public static final List<String> SWEEP_ARGUMENTS = List.of("ticker", "strategy");

    /** The cartesian grid of the listed values, in order (the first key varies slowest). */
    public static List<Map<String, String>> grid(Map<String, List<String>> values) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new java.util.LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : out) {
                for (String v : e.getValue()) {
                    Map<String, String> q = new java.util.LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            out = next;
        }
        return out;
    }

    /** A grid point's run: ticker, config; refuses a bad key or value naming it. */
    private record PointRun(Map<String, String> point, String ticker, StrategyConfig config) {
    }

    private PointRun pointRun(SweepBase base, Map<String, String> point) {
        String ticker = point.getOrDefault("ticker", base.ticker()).trim().toUpperCase(java.util.Locale.ROOT);
        HedgeMode mode = base.hedgeMode();
        if (point.containsKey("strategy")) {
            mode = switch (point.get("strategy").trim().toLowerCase(java.util.Locale.ROOT)) {
                case "delta" -> HedgeMode.DELTA;
                case "delta-gamma", "delta_gamma", "deltagamma" -> HedgeMode.DELTA_GAMMA;
                default -> throw new IllegalArgumentException("--sweep strategy: expected delta or delta-gamma, got '"
                        + point.get("strategy") + "'");
            };
        }
        Map<String, String> settings = new java.util.LinkedHashMap<>(base.settings());
        point.forEach((k, v) -> {
            if (!SWEEP_ARGUMENTS.contains(k)) {
                settings.put(k, v);
            }
        });
        if (mode == null) {
            throw new IllegalArgumentException("--strategy (or --sweep strategy=...) is required");
        }
        StrategyConfig config;
        try {
            config = StrategySettings.apply(defaultsFor(tradesEveryDay(ticker), mode), settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sweep " + point + ": " + e.getMessage(), e);
        }
        return new PointRun(point, ticker, config);
    }

    /**
     * Runs the cartesian grid as one sweep of stored runs, {@code threads} at a time (each run has its own model
     * and QuantLib engine). Every point's configuration is checked before any run starts.
     */
    public SweepOutcome sweep(SweepBase base, Map<String, List<String>> values, int threads,
            Consumer<String> progress) {
        List<String> keys = new ArrayList<>();
        for (String k : values.keySet()) {
            String n = SWEEP_ARGUMENTS.contains(k) ? k : StrategySettings.normalise(k);
            if (!SWEEP_ARGUMENTS.contains(n) && !StrategySettings.keys().contains(n)) {
                throw new IllegalArgumentException("--sweep: unknown key '" + k + "'; valid keys: ticker, strategy, "
                        + String.join(", ", StrategySettings.keys()));
            }
            keys.add(n);
        }
        Map<String, List<String>> normalised = new java.util.LinkedHashMap<>();
        int i = 0;
        for (List<String> v : values.values()) {
            normalised.put(keys.get(i++), List.copyOf(v));
        }
        List<Map<String, String>> points = grid(normalised);
        List<PointRun> runs = new ArrayList<>();
        for (Map<String, String> p : points) {
            runs.add(pointRun(base, p));
        }
        long sweepId = registry.createSweep(Json.toJson(normalised), baseJson(base));
        return runSweep(sweepId, base, runs, Map.of(), threads, progress);
    }

    /** Finishes an interrupted sweep: completed runs stay, failed ones are resumed, missing ones started. */
    public SweepOutcome resumeSweep(long sweepId, int threads, Consumer<String> progress) {
        BacktestStore.SweepState state = registry.sweep(sweepId).orElseThrow(
                () -> new IllegalArgumentException("--resume-sweep " + sweepId + ": no such sweep"));
        Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        try {
            var grid = Json.mapper().readTree(state.gridJson());
            grid.fields().forEachRemaining(e -> {
                List<String> vs = new ArrayList<>();
                e.getValue().forEach(v -> vs.add(v.asText()));
                values.put(e.getKey(), vs);
            });
            var b = Json.mapper().readTree(state.baseJson());
            Map<String, String> settings = new java.util.LinkedHashMap<>();
            b.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            SweepBase base = new SweepBase(b.path("ticker").isNull() ? null : b.path("ticker").asText(null),
                    b.path("strategy").isNull() || b.path("strategy").isMissingNode() ? null
                            : HedgeMode.valueOf(b.path("strategy").asText()),
                    Path.of(b.path("modelDir").asText()), LocalDate.parse(b.path("from").asText()),
                    LocalDate.parse(b.path("to").asText()), settings);
            Map<Map<String, String>, BacktestStore.SweepRun> existing = new java.util.HashMap<>();
            for (BacktestStore.SweepRun r : registry.sweepRuns(sweepId)) {
                existing.put(new java.util.TreeMap<>(StrategySettingsFiles.flatten(r.settingsJson(), "sweep run")), r);
            }
            List<PointRun> runs = new ArrayList<>();
            for (Map<String, String> p : grid(values)) {
                runs.add(pointRun(base, p));
            }
            return runSweep(sweepId, base, runs, existing, threads, progress);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("sweep " + sweepId + ": unreadable stored grid: " + e.getMessage(), e);
        }
    }

    private static String baseJson(SweepBase base) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("ticker", base.ticker());
        m.put("strategy", base.hedgeMode() == null ? null : base.hedgeMode().name());
        m.put("modelDir", base.modelDir().toAbsolutePath().normalize().toString());
        m.put("from", base.from().toString());
        m.put("to", base.to().toString());
        m.put("settings", base.settings());
        return Json.toJson(m);
    }

    private SweepOutcome runSweep(long sweepId, SweepBase base, List<PointRun> runs,
            Map<Map<String, String>, BacktestStore.SweepRun> existing, int threads, Consumer<String> progress) {
        int n = Math.max(1, Math.min(threads, runs.size()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<SweepRunOutcome>> futures = new ArrayList<>();
            for (PointRun r : runs) {
                BacktestStore.SweepRun done = existing.get(new java.util.TreeMap<>(r.point()));
                futures.add(pool.submit(() -> runPoint(sweepId, base, r, done, progress)));
            }
            List<SweepRunOutcome> out = new ArrayList<>();
            for (var f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("sweep " + sweepId + ": " + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("sweep " + sweepId + " interrupted (--resume-sweep " + sweepId
                            + " finishes it)", e);
                }
            }
            return new SweepOutcome(sweepId, out);
        } finally {
            pool.shutdownNow();
        }
    }

    private SweepRunOutcome runPoint(long sweepId, SweepBase base, PointRun r, BacktestStore.SweepRun stored,
            Consumer<String> progress) {
        try {
            RunOutcome o;
            if (stored != null && "completed".equals(stored.status())) {
                progress.accept("run " + stored.runId() + " " + r.point() + " already completed");
                return fromStored(stored.runId(), r.point());
            } else if (stored != null) {
                o = resume(stored.runId(), ResumeArguments.none(), d -> { });
            } else {
                o = start(r.ticker(), r.config(), base.modelDir(), base.from(), base.to(), sweepId,
                        Json.toJson(r.point()), d -> { });
            }
            progress.accept("run " + o.runId() + " " + r.point() + " " + o.status());
            return new SweepRunOutcome(o.runId(), r.point(), o.status(), o.summary().totalPnl(), o.summary().sharpe(),
                    o.summary().maxDrawdown(), null);
        } catch (RuntimeException e) {
            progress.accept(r.point() + " failed: " + e.getMessage());
            return new SweepRunOutcome(stored == null ? null : stored.runId(), r.point(), "failed", null, null, null,
                    e.getMessage());
        }
    }

    private SweepRunOutcome fromStored(long runId, Map<String, String> point) {
        BacktestStore.RunTotals t = registry.totals(runId);
        return new SweepRunOutcome(runId, point, "completed", t.totalPnl(), t.sharpe(), t.maxDrawdown(), null);
    }

    /**
     * Finishes a stored run that failed (or was killed) with the stored run's ticker, strategy, model, period and
     * settings. Arguments given that differ from the stored ones are refused, each named.
     *
     * @throws IllegalArgumentException no such run, a completed run, a run still owned by a live process, or
     *                                  arguments that differ from the stored run (each named: stored vs given)
     */
    public RunOutcome resume(long runId, ResumeArguments given, Consumer<LocalDate> progress) {
        BacktestStore store = new BacktestStore(dataSource.get());
        BacktestStore.RunState state = registry.run(runId).orElseThrow(
                () -> new IllegalArgumentException("--resume " + runId + ": no such run"));
        if ("completed".equals(state.status())) {
            throw new IllegalArgumentException("--resume " + runId + ": the run is already completed");
        }
        StrategyConfig stored = storedConfig(state);
        List<String> differ = new ArrayList<>();
        if (given.ticker() != null && !given.ticker().trim().equalsIgnoreCase(state.ticker())) {
            differ.add("--ticker: stored " + state.ticker() + ", given " + given.ticker());
        }
        if (given.hedgeMode() != null && !strategyLabel(given.hedgeMode()).equals(state.strategy())) {
            differ.add("--strategy: stored " + state.strategy() + ", given " + strategyLabel(given.hedgeMode()));
        }
        if (given.from() != null && !given.from().equals(state.from())) {
            differ.add("--from: stored " + state.from() + ", given " + given.from());
        }
        if (given.to() != null && !given.to().equals(state.to())) {
            differ.add("--to: stored " + state.to() + ", given " + given.to());
        }
        Path modelDir = given.modelDir() != null ? given.modelDir()
                : state.modelDir() == null ? null : Path.of(state.modelDir());
        if (modelDir == null) {
            throw new IllegalArgumentException("--resume " + runId + ": the run was stored before runs kept their "
                    + "model directory; give --model-dir (the model with id " + state.modelId() + ")");
        }
        if (!java.nio.file.Files.isRegularFile(modelDir.resolve("manifest.json"))) {
            throw new IllegalArgumentException("--resume " + runId + ": the model directory " + modelDir
                    + " holds no model (the run used model " + state.modelId() + "); give --model-dir");
        }
        String modelId = ModelStore.modelId(modelDir);
        if (state.modelId() != null && !state.modelId().equals(modelId)) {
            differ.add("--model-dir: stored model " + state.modelId()
                    + (state.modelDir() == null ? "" : " (" + state.modelDir() + ")") + ", given " + modelDir
                    + " (model " + modelId + ")");
        }
        if (!given.settings().isEmpty()) {
            Map<String, String> settings = new java.util.LinkedHashMap<>(given.settings());
            String style = settings.get("exercise_style");
            if (style != null && style.trim().equalsIgnoreCase("auto")) {
                ExerciseStyle auto = ExerciseStyleRule.AUTO.resolve(state.ticker(), tradesEveryDay(state.ticker()),
                        exerciseStyles);
                settings.put("exercise_style", auto.name());
            }
            StrategyConfig asGiven;
            try {
                asGiven = StrategySettings.apply(stored, settings);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--resume " + runId + ": " + e.getMessage(), e);
            }
            differ.addAll(StrategySettings.differences(stored, asGiven, "stored", "given"));
        }
        if (!differ.isEmpty()) {
            throw new IllegalArgumentException("--resume " + runId + " runs with the stored run's configuration; "
                    + "these arguments differ from it (give --resume " + runId + " alone): " + String.join("; ", differ));
        }
        List<SessionInput> inputs = inputs(state.ticker(), stored, modelDir, state.from(), state.to());
        RunOwnerLock claim;
        try {
            claim = store.claim(runId);
        } catch (IllegalStateException running) {
            throw new IllegalArgumentException("--resume " + runId + ": " + running.getMessage(), running);
        }
        LocalDate resumeAfter;
        try {
            store.reopen(runId);
            resumeAfter = registry.run(runId).orElseThrow().lastSession();
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
        return execute(store, claim, stored, inputs, state.modelId(), resumeAfter, progress);
    }

    /** The stored configuration of a run (what it ran with). */
    public StrategyConfig runConfig(long runId) {
        return storedConfig(registry.run(runId).orElseThrow(
                () -> new IllegalArgumentException("no such run " + runId)));
    }

    /** A stored run's configuration: its settings over the defaults of its venue and strategy. */
    public static StrategyConfig storedConfig(BacktestStore.RunState state) {
        HedgeMode mode = switch (state.strategy()) {
            case "delta-gamma" -> HedgeMode.DELTA_GAMMA;
            case "none" -> HedgeMode.NONE;
            default -> HedgeMode.DELTA;
        };
        Map<String, String> settings = StrategySettingsFiles.flatten(state.configJson(), "run " + state.id() + " config");
        try {
            return StrategySettings.apply(defaultsFor(false, mode), settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("run " + state.id() + ": its stored configuration cannot be read by "
                    + "this version: " + e.getMessage(), e);
        }
    }

    private List<SessionInput> inputs(String ticker, StrategyConfig config, Path modelDir, LocalDate from,
            LocalDate to) {
        MarketDataStore market = new MarketDataStore(dataSource.get());
        try (TransformerForecaster model = new ModelDirectory().load(modelDir)) {
            int window = model.config().window();
            List<CanonicalSurface> surfaces = market.surfaces(ticker, from.minusDays(120), to,
                    model.config().gridSpec());
            List<SessionInput> inputs = new ArrayList<>();
            boolean crypto = TradingCalendar.tradesEveryDay(surfaces.stream().map(CanonicalSurface::session).toList());
            ExerciseStyle style = config.exerciseStyle().resolve(ticker, crypto, exerciseStyles);
            for (int i = window - 1; i < surfaces.size(); i++) {
                CanonicalSurface today = surfaces.get(i);
                if (today.session().isBefore(from)) {
                    continue;
                }
                SurfaceForecastView forecast = null;
                if (i + 1 < surfaces.size()) {
                    LocalDate next = surfaces.get(i + 1).session();
                    forecast = new SurfaceForecastView(model.forecast(
                            SampleAssembler.history(surfaces.subList(i - window + 1, i + 1), next)));
                }
                Map<LocalDate, ExpiryForward> forwards = market.forwards(ticker, today.session());
                double rate = forwards.values().stream().filter(f -> f.maturityYears() > 0.1)
                        .mapToDouble(ExpiryForward::impliedRate).average().orElse(0.0);
                inputs.add(new SessionInput(new MarketSession(ticker, today.session(), today.asOf(), today.spot(),
                        market.quotes(ticker, today.session()), forwards, new SurfaceVolatility(today.slices()),
                        crypto ? 0.0 : rate, 0.0, style), forecast));
            }
            if (inputs.size() < 2) {
                throw new IllegalArgumentException("--ticker " + ticker + ": only " + inputs.size() + " sessions from "
                        + from + " to " + to + " after the model's window of " + window + "; ingest more or widen the period");
            }
            return inputs;
        }
    }

    private RunOutcome execute(BacktestStore store, RunOwnerLock claim, StrategyConfig config,
            List<SessionInput> inputs, String modelId, LocalDate resumeAfter, Consumer<LocalDate> progress) {
        long runId = claim.runId();
        // The claim is held until the outcome is stored: a run whose process dies counts as failed.
        // One QuantLib engine per run (JNI objects are not shared between runs), only where American options are
        // priced by it.
        boolean american = config.americanPricing() == AmericanPricing.AMERICAN_ENGINE
                && inputs.stream().anyMatch(in -> in.market().exerciseStyle() == ExerciseStyle.AMERICAN);
        try (claim; AmericanEngineHandle engine = american ? AmericanEngineHandle.open(config.americanEngine())
                : null) {
            ContractPricer pricer = american
                    ? new ContractPricer(new BlackScholesGreeks(), engine.engine(), AmericanPricing.AMERICAN_ENGINE)
                    : new ContractPricer(new BlackScholesGreeks(), null, AmericanPricing.BLACK_SCHOLES_APPROXIMATION);
            BacktestSummary summary = new BacktestEngine(config, pricer).run(inputs, r -> {
                store.saveSession(runId, modelId, r);
                progress.accept(r.date());
            }, resumeAfter);
            registry.complete(runId, summary, Json.toJson(summary));
            return new RunOutcome(runId, "completed", summary);
        } catch (RuntimeException e) {
            try {
                registry.fail(runId, String.valueOf(e.getMessage()));
            } catch (RuntimeException databaseGone) {
                e.addSuppressed(databaseGone);
            }
            throw new IllegalStateException("backtest run " + runId + " failed after its last stored session: "
                    + e.getMessage() + " (resume it with --resume " + runId + ")", e);
        }
    }

    /**
     * The run's American engine: QuantLib's (native memory, closed with the run) or the pure-Java BAW (nothing to
     * close).
     */
    record AmericanEngineHandle(io.volsurf.greeks.GreeksEngine engine) implements AutoCloseable {
        static AmericanEngineHandle open(io.volsurf.greeks.quantlib.AmericanEngine choice) {
            return new AmericanEngineHandle(choice.quantLib()
                    ? new QuantLibGreeksEngine(QuantLibEngineConfig.of(choice))
                    : new io.volsurf.greeks.baw.BaroneAdesiWhaleyGreeks());
        }

        @Override
        public void close() {
            if (engine instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the American engine: " + e.getMessage(), e);
                }
            }
        }
    }

    static String codeVersion() {
        String v = BacktestService.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
