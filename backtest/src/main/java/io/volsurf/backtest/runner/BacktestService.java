package io.volsurf.backtest.runner;

import io.agroal.api.AgroalDataSource;
import io.volsurf.backtest.cli.Output;
import io.volsurf.backtest.forecasting.SampleAssembler;
import io.volsurf.db.backtest.BacktestStore;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.model.ModelStore;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.model.ModelDirectory;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
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

    @Inject
    public BacktestService(Instance<AgroalDataSource> dataSource) {
        this.dataSource = dataSource::get;
    }

    /** On a given database (tests, benchmarks): the same code path as the application's. */
    public BacktestService(DataSource dataSource) {
        this.dataSource = () -> dataSource;
    }

    /** A finished run. */
    public record RunOutcome(long runId, String status, BacktestSummary summary) {
    }

    /** Config for the data's venue: Deribit (coin options, every day) or US equity options. */
    public static StrategyConfig defaultsFor(boolean crypto, HedgeMode mode) {
        StrategyConfig base = crypto ? StrategyConfig.deribit() : StrategyConfig.usEquity();
        return base.toBuilder().hedgeMode(mode).build();
    }

    public RunOutcome run(String ticker, StrategyConfig config, Path modelDir, LocalDate from, LocalDate to,
            Long resumeRunId, Consumer<LocalDate> progress) {
        MarketDataStore market = new MarketDataStore(dataSource.get());
        BacktestStore store = new BacktestStore(dataSource.get());
        try (TransformerForecaster model = new ModelDirectory().load(modelDir);
                QuantLibGreeksEngine american = new QuantLibGreeksEngine()) {
            String modelId = new ModelStore(dataSource.get()).idFor(modelDir);
            int window = model.config().window();
            List<CanonicalSurface> surfaces = market.surfaces(ticker, from.minusDays(120), to);
            List<SessionInput> inputs = new ArrayList<>();
            boolean crypto = TradingCalendar.tradesEveryDay(surfaces.stream().map(CanonicalSurface::session).toList());
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
                        crypto ? 0.0 : rate, 0.0, crypto ? ExerciseStyle.EUROPEAN : ExerciseStyle.AMERICAN), forecast));
            }
            if (inputs.size() < 2) {
                throw new IllegalArgumentException("--ticker " + ticker + ": only " + inputs.size() + " sessions from "
                        + from + " to " + to + " after the model's window of " + window + "; ingest more or widen the period");
            }
            String configJson = Output.toJson(config);
            LocalDate resumeAfter = null;
            BacktestStore.RunClaim claim;
            if (resumeRunId != null) {
                BacktestStore.RunState state = store.run(resumeRunId).orElseThrow(
                        () -> new IllegalArgumentException("--resume " + resumeRunId + ": no such run"));
                if ("completed".equals(state.status())) {
                    throw new IllegalArgumentException("--resume " + resumeRunId + ": the run is already completed");
                }
                try {
                    claim = store.claim(resumeRunId);
                } catch (IllegalStateException running) {
                    throw new IllegalArgumentException("--resume " + resumeRunId + ": " + running.getMessage(), running);
                }
                try {
                    store.reopen(resumeRunId);
                    resumeAfter = store.run(resumeRunId).orElseThrow().lastSession();
                } catch (RuntimeException e) {
                    claim.close();
                    throw e;
                }
            } else {
                claim = store.startRun(config.hedgeMode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        ticker, modelId, from, to, configJson, sha256(configJson), codeVersion());
            }
            ContractPricer pricer = new ContractPricer(new BlackScholesGreeks(), american, config.americanPricing());
            long runId = claim.runId();
            // The claim is held until the outcome is stored: a run whose process dies counts as failed.
            try (claim) {
                BacktestSummary summary = new BacktestEngine(config, pricer).run(inputs, r -> {
                    store.saveSession(runId, modelId, r);
                    progress.accept(r.date());
                }, resumeAfter);
                store.complete(runId, summary, Output.toJson(summary));
                return new RunOutcome(runId, "completed", summary);
            } catch (RuntimeException e) {
                try {
                    store.fail(runId, String.valueOf(e.getMessage()));
                } catch (RuntimeException databaseGone) {
                    e.addSuppressed(databaseGone);
                }
                throw new IllegalStateException("backtest run " + runId + " failed after its last stored session: "
                        + e.getMessage() + " (resume it with --resume " + runId + ")", e);
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
