package io.volsurf.backtest.runner;

import io.volsurf.db.jdbc.RunOwnerLock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.volsurf.backtest.cli.Output;
import io.volsurf.backtest.cli.StrategyConfigOptions;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.report.ReportService;
import io.volsurf.db.backtest.BacktestStore;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import io.volsurf.strategy.config.ExerciseStyleRule;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.config.StrategySettings;
import jakarta.inject.Inject;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code backtest --resume N} runs with the stored run's configuration and refuses arguments that differ from it
 * (a killed delta-gamma run resumed with {@code --strategy delta} or another ticker must not finish under the
 * original labels); every strategy setting round-trips through {@code --set} and a stored run.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class BacktestResumeTest {
    private static final String TICKER = "RSM";

    @Inject
    IngestService ingest;

    @Inject
    ForecastingService forecasting;

    @Inject
    BacktestService backtests;

    @Inject
    ReportService reports;

    @Inject
    AgroalDataSource dataSource;

    private static Path model;
    private static LocalDate from;
    private static LocalDate to;
    private static List<LocalDate> sessions;

    /** One market and model for the class (a QuarkusTest's instance fields are injected per test). */
    private synchronized void prepare() throws Exception {
        if (model != null) {
            return;
        }
        Path dir = Files.createTempDirectory("volsurf-resume");
        new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(30, 17L).withVarianceDynamics(100, 1.0)
                .withTickers(List.of(TICKER)), dir.resolve("market"));
        ingest.ingest(List.of(dir.resolve("market")), null, IngestService.Progress.NONE);
        sessions = forecasting.sessions(TICKER);
        Properties p = new Properties();
        p.setProperty("epochs", "1");
        p.setProperty("d_model", "8");
        p.setProperty("heads", "2");
        p.setProperty("layers", "1");
        p.setProperty("N", "3");
        p.setProperty("residual_base", "linear");
        Path m = dir.resolve("model");
        forecasting.train(List.of(TICKER), sessions.get(0), sessions.get(19), m, ForecasterConfig.fromProperties(p),
                e -> { }).forecaster().close();
        from = sessions.get(20);
        to = sessions.get(sessions.size() - 1);
        model = m;
    }

    private static StrategyConfig gammaConfig() {
        // non-default settings, so that a resume that dropped them would show
        return StrategySettings.apply(BacktestService.defaultsFor(false, HedgeMode.DELTA_GAMMA),
                Map.of("threshold_vol_points", "0", "holding_period_sessions", "3", "vega_budget_per_trade_usd", "800"));
    }

    @Test
    void aResumeRunsWithTheStoredConfigurationAndRefusesArgumentsThatDiffer() throws Exception {
        prepare();
        StrategyConfig gamma = gammaConfig();
        BacktestService.RunOutcome clean = backtests.run(TICKER, gamma, model, from, to, null, d -> { });
        assertTrue(clean.summary().trades() > 0, "the run trades");
        // what the run stored is its full effective config, with the exercise style resolved for the ticker
        StrategyConfig stored = backtests.runConfig(clean.runId());
        assertEquals(gamma.toBuilder().exerciseStyle(ExerciseStyleRule.AMERICAN).build(), stored);

        // where the PnL came from, in run_summary: the split adds up to the total, vega to its two parts
        Map<String, Object> row = reports.run(clean.runId()).orElseThrow();
        double split = num(row, "deltaPnl") + num(row, "gammaPnl") + num(row, "thetaPnl") + num(row, "vegaPredictedPnl")
                + num(row, "vegaForecastErrorPnl") + num(row, "residualPnl") - num(row, "costs")
                + num(row, "otherTradingPnl");
        assertEquals(num(row, "totalPnl"), split, 1e-6 * Math.max(1, Math.abs(num(row, "totalPnl"))));
        assertEquals(clean.summary().vegaPnl(), num(row, "vegaPredictedPnl") + num(row, "vegaForecastErrorPnl"),
                1e-6 * Math.max(1, Math.abs(clean.summary().vegaPnl())));
        assertTrue(num(row, "costs") > 0);
        assertTrue(((Number) row.get("forecastContracts")).longValue() > 0);
        assertTrue(num(row, "forecastRmseVolPoints") > 0 && num(row, "carryForwardRmseVolPoints") > 0, row.toString());

        // a run killed after its 3rd session: exactly the stored state of a failure mid-run
        BacktestService.RunOutcome killed = backtests.run(TICKER, gamma, model, from, to, null, d -> { });
        long run = killed.runId();
        LocalDate cut = sessions.get(22);
        for (String table : new String[] {"trades", "positions", "daily_pnl", "pnl_attribution"}) {
            execute("delete from " + table + " where run_id = " + run + " and session_date > '" + cut + "'");
        }
        execute("delete from forecast_vs_realized where run_id = " + run + " and forecast_for > '" + cut + "'");
        execute("update backtest_runs set status = 'failed', last_session = '" + cut + "' where id = " + run);
        long rowsAtCut = rows(run);
        String hash = text("select config_hash from backtest_runs where id = " + run);

        // the case: resumed with --strategy delta (and its config) -> refused, naming the strategy
        StrategyConfig delta = gamma.toBuilder().hedgeMode(HedgeMode.DELTA).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backtests.run(TICKER, delta, model, from, to, run, d -> { }));
        assertTrue(e.getMessage().contains("--strategy: stored delta-gamma, given delta"), e.getMessage());
        assertTrue(e.getMessage().contains("hedge_mode: stored delta_gamma, given delta"), e.getMessage());
        // another ticker, another period, another setting: each named, stored vs given
        e = assertThrows(IllegalArgumentException.class, () -> backtests.resume(run,
                new BacktestService.ResumeArguments("QQQ", null, null, from.plusDays(1), null,
                        Map.of("threshold_vol_points", "2", "american_engine", "fd")), d -> { }));
        assertTrue(e.getMessage().contains("--ticker: stored " + TICKER + ", given QQQ"), e.getMessage());
        assertTrue(e.getMessage().contains("--from: stored " + from + ", given " + from.plusDays(1)), e.getMessage());
        assertTrue(e.getMessage().contains("threshold_vol_points: stored 0.0, given 2.0"), e.getMessage());
        assertTrue(e.getMessage().contains("american_engine: stored baw, given fd"), e.getMessage());
        // a setting that does not exist is named too
        e = assertThrows(IllegalArgumentException.class, () -> backtests.resume(run,
                new BacktestService.ResumeArguments(null, null, null, null, null, Map.of("treshold", "1")), d -> { }));
        assertTrue(e.getMessage().contains("unknown setting 'treshold'"), e.getMessage());
        // nothing was touched by the refusals
        assertEquals("failed", text("select status from backtest_runs where id = " + run));
        assertEquals(cut.toString(), text("select last_session::text from backtest_runs where id = " + run));
        assertEquals(rowsAtCut, rows(run));

        // arguments equal to the stored ones are fine; --resume N alone is enough
        BacktestService.RunOutcome resumed = backtests.resume(run, BacktestService.ResumeArguments.none(), d -> { });
        assertEquals(run, resumed.runId());
        assertEquals("completed", resumed.status());
        assertEquals(clean.summary().totalPnl(), resumed.summary().totalPnl(), 1e-9, "the true run's PnL");
        assertEquals(rows(clean.runId()), rows(run), "no row lost or duplicated");
        assertEquals(hash, text("select config_hash from backtest_runs where id = " + run));
        assertEquals("delta-gamma", reports.run(run).orElseThrow().get("strategy"));
        // the daily totals add up to the cumulative PnL
        double sum = Double.parseDouble(text("select sum(total) from daily_pnl where run_id = " + run));
        double last = Double.parseDouble(text("select cumulative from daily_pnl where run_id = " + run
                + " order by session_date desc limit 1"));
        assertEquals(last, sum, 1e-6 * Math.max(1, Math.abs(last)));
        assertEquals(clean.summary().totalPnl(), last, 1e-6 * Math.max(1, Math.abs(last)));

        e = assertThrows(IllegalArgumentException.class,
                () -> backtests.resume(run, BacktestService.ResumeArguments.none(), d -> { }));
        assertTrue(e.getMessage().contains("already completed"), e.getMessage());
    }

    @Test
    void aTwoByTwoSweepGivesTheRunsMadeOneByOneAndAnInterruptedSweepIsFinished() throws Exception {
        prepare();
        BacktestService.SweepBase base = new BacktestService.SweepBase(TICKER, null, model, from, to,
                Map.of("holding_period_sessions", "3"));
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("strategy", List.of("delta", "delta-gamma"));
        values.put("threshold_vol_points", List.of("0", "0.5"));
        BacktestService.SweepOutcome sweep = backtests.sweep(base, values, 2, m -> { });
        assertEquals(4, sweep.runs().size());
        for (BacktestService.SweepRunOutcome r : sweep.runs()) {
            assertEquals("completed", r.status(), r.toString());
            HedgeMode mode = r.settings().get("strategy").equals("delta") ? HedgeMode.DELTA : HedgeMode.DELTA_GAMMA;
            StrategyConfig config = StrategySettings.apply(BacktestService.defaultsFor(false, mode), Map.of(
                    "holding_period_sessions", "3", "threshold_vol_points", r.settings().get("threshold_vol_points")));
            BacktestService.RunOutcome single = backtests.run(TICKER, config, model, from, to, null, d -> { });
            assertEquals(single.summary().totalPnl(), r.totalPnl(), 0.0, r.settings().toString());
            for (String table : new String[] {"trades", "positions", "daily_pnl", "pnl_attribution"}) {
                assertEquals(0, differingRows(table, r.runId(), single.runId()), table + " " + r.settings());
                assertEquals(0, differingRows(table, single.runId(), r.runId()), table + " " + r.settings());
            }
            assertEquals(single.summary().trades() > 0, Long.parseLong(text("select count(*) from trades where run_id = "
                    + r.runId())) > 0);
        }
        assertEquals("4", text("select count(*) from sweep_summary where sweep_id = " + sweep.sweepId()
                + " and status = 'completed' and daily_pnl_std is not null and hedge_cost >= 0"));
        assertEquals("delta-gamma", text("select settings->>'strategy' from sweep_summary where run_id = "
                + sweep.runs().get(2).runId()));

        // interrupted: one run never started, one killed after its 3rd session
        long missing = sweep.runs().get(3).runId();
        long killed = sweep.runs().get(1).runId();
        execute("delete from backtest_runs where id = " + missing);
        LocalDate cut = sessions.get(22);
        for (String table : new String[] {"trades", "positions", "daily_pnl", "pnl_attribution"}) {
            execute("delete from " + table + " where run_id = " + killed + " and session_date > '" + cut + "'");
        }
        execute("delete from forecast_vs_realized where run_id = " + killed + " and forecast_for > '" + cut + "'");
        execute("update backtest_runs set status = 'failed', last_session = '" + cut + "' where id = " + killed);
        BacktestService.SweepOutcome resumed = backtests.resumeSweep(sweep.sweepId(), 2, m -> { });
        assertEquals(4, resumed.runs().size());
        for (int i = 0; i < 4; i++) {
            BacktestService.SweepRunOutcome before = sweep.runs().get(i);
            BacktestService.SweepRunOutcome after = resumed.runs().get(i);
            assertEquals("completed", after.status(), after.toString());
            assertEquals(before.settings(), after.settings());
            assertEquals(before.totalPnl(), after.totalPnl(), 1e-9, after.toString());
            if (i != 3) {
                assertEquals(before.runId(), after.runId(), "kept or resumed in place");
            }
        }
        assertEquals("4", text("select count(*) from sweep_summary where sweep_id = " + sweep.sweepId()
                + " and status = 'completed'"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backtests.sweep(base,
                Map.of("treshold", List.of("1", "2")), 2, m -> { }));
        assertTrue(e.getMessage().contains("unknown key 'treshold'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backtests.sweep(base,
                Map.of("strategy", List.of("delta"), "threshold_vol_points", List.of("1", "x")), 2, m -> { }));
        assertTrue(e.getMessage().contains("threshold_vol_points") && e.getMessage().contains("'x'"), e.getMessage());
    }

    /** Rows of run a's table that run b lacks (every column but run_id, duplicates counted). */
    private long differingRows(String table, long a, long b) throws Exception {
        String columns = text("select string_agg(column_name, ', ' order by ordinal_position) from "
                + "information_schema.columns where table_name = '" + table + "' and column_name <> 'run_id'");
        return Long.parseLong(text("select count(*) from (select " + columns + " from " + table + " where run_id = " + a
                + " except all select " + columns + " from " + table + " where run_id = " + b + ") d"));
    }

    @Command(name = "holder")
    static final class Holder {
        @Mixin
        StrategyConfigOptions options;
    }

    /** A valid value unlike the current one; null for a one-constant enum. */
    private static String changed(Class<?> type, Object current) {
        if (type == double.class) {
            double d = (Double) current;
            return Double.toString(d == 0 ? 0.25 : d * 1.5);
        }
        if (type == int.class) {
            return Integer.toString((Integer) current + 1);
        }
        if (type == boolean.class) {
            return Boolean.toString(!(Boolean) current);
        }
        for (Object c : type.getEnumConstants()) {
            String name = ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT);
            if (!name.equals(current)) {
                return name;
            }
        }
        return null;
    }

    private static void leaves(Class<?> type, String prefix, Map<String, Class<?>> out) {
        for (RecordComponent rc : type.getRecordComponents()) {
            String key = prefix + StrategySettings.snake(rc.getName());
            if (rc.getType().isRecord()) {
                leaves(rc.getType(), key + ".", out);
            } else {
                out.put(key, rc.getType());
            }
        }
    }

    @Test
    void everySettingRoundTripsThroughSetAndTheStoredRun() throws Exception {
        StrategyConfig defaults = BacktestService.defaultsFor(false, HedgeMode.DELTA);
        Map<String, Object> before = StrategySettings.values(defaults);
        Map<String, Class<?>> types = new LinkedHashMap<>();
        leaves(StrategyConfig.class, "", types);
        List<String> args = new ArrayList<>();
        types.forEach((k, type) -> {
            String v = changed(type, before.get(k));
            if (v != null) {
                args.add("--set");
                args.add(k + "=" + v);
            }
        });
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args.toArray(String[]::new));
        StrategyConfig config = StrategySettings.apply(defaults, h.options.settings(null));
        Map<String, Object> after = StrategySettings.values(config);
        for (String k : types.keySet()) {
            if (types.get(k).isEnum() && types.get(k).getEnumConstants().length < 2) {
                continue;
            }
            assertNotEquals(before.get(k), after.get(k), k + " was not set by --set");
        }

        BacktestStore store = new BacktestStore(dataSource);
        LocalDate d0 = LocalDate.of(2026, 1, 5);
        try (RunOwnerLock claim = store.startRun("none", "ROUNDTRIP", null, "/models/x", d0, d0.plusDays(9),
                StrategySettings.toJson(config), "h", "test")) {
            BacktestStore.RunState state = store.run(claim.runId()).orElseThrow();
            assertEquals(config, BacktestService.storedConfig(state), "every field back from the jsonb column");
            assertEquals("/models/x", state.modelDir());
            Map<String, Object> summary = reports.run(claim.runId()).orElseThrow();
            assertEquals(config.thresholdVolPoints(), ((Number) summary.get("thresholdVolPoints")).doubleValue());
            assertEquals("none", summary.get("hedgeMode"));
            assertEquals(config.exerciseStyle().name().toLowerCase(), summary.get("exerciseStyle"));
            assertEquals(config.americanPricing().name().toLowerCase(), summary.get("americanPricing"));
            assertEquals(config.americanEngine().name().toLowerCase(), summary.get("americanEngine"));
            assertEquals(config.halfSpread().fractionOfPrice(), ((Number) summary.get("halfSpreadFraction")).doubleValue());
            // runs stored by earlier versions kept the record's camelCase JSON: still read back in full
            execute("update backtest_runs set config = '" + Output.toJson(config).replace("'", "''")
                    + "'::jsonb where id = " + claim.runId());
            assertEquals(config, BacktestService.storedConfig(store.run(claim.runId()).orElseThrow()));
            assertEquals(config.thresholdVolPoints(),
                    ((Number) reports.run(claim.runId()).orElseThrow().get("thresholdVolPoints")).doubleValue());
        } finally {
            execute("delete from backtest_runs where ticker = 'ROUNDTRIP'");
        }
    }

    @Test
    void precedenceIsApplicationThenFileThenSet() throws Exception {
        Path file = Files.createTempFile("strategy", ".properties");
        Files.writeString(file, "threshold_vol_points=5\nholding_period_sessions=9\n");
        Path json = Files.createTempFile("strategy", ".json");
        Files.writeString(json, "{\"threshold_vol_points\": 4, \"half_spread\": {\"minimum_usd\": 0.03}}");
        Properties app = new Properties();
        app.setProperty("volsurf.strategy.threshold_vol_points", "7");
        app.setProperty("volsurf.strategy.commission_per_contract_usd", "0.5");
        Config appConfig = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(app, "test", 500)).build();
        StrategyConfig base = StrategyConfig.usEquity();

        StrategyConfig c = apply(base, appConfig, "--config", file.toString(), "--set", "threshold_vol_points=3");
        assertEquals(3, c.thresholdVolPoints());
        assertEquals(9, c.holdingPeriodSessions());
        assertEquals(0.5, c.commissionPerContractUsd());
        assertEquals(5, apply(base, appConfig, "--config", file.toString()).thresholdVolPoints());
        assertEquals(7, apply(base, appConfig).thresholdVolPoints());
        StrategyConfig j = apply(base, null, "--config", json.toString());
        assertEquals(4, j.thresholdVolPoints());
        assertEquals(0.03, j.halfSpread().minimumUsd());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> apply(base, null, "--set", "threshold_vol_points"));
        assertTrue(e.getMessage().contains("--set expects key=value") && e.getMessage().contains("american_engine"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> apply(base, null, "--set", "vega=3"));
        assertTrue(e.getMessage().contains("unknown setting 'vega'") && e.getMessage().contains("threshold_vol_points"),
                e.getMessage());
        Path bad = Files.createTempFile("strategy", ".json");
        Files.writeString(bad, "{\"threshold_vol_points\": [1, 2]}");
        e = assertThrows(IllegalArgumentException.class, () -> apply(base, null, "--config", bad.toString()));
        assertTrue(e.getMessage().contains("threshold_vol_points"), e.getMessage());
    }

    private static StrategyConfig apply(StrategyConfig base, Config appConfig, String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return StrategySettings.apply(base, h.options.settings(appConfig));
    }

    private static double num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    private long rows(long run) throws Exception {
        long n = 0;
        for (String table : new String[] {"trades", "positions", "daily_pnl", "pnl_attribution", "forecast_vs_realized"}) {
            n += Long.parseLong(text("select count(*) from " + table + " where run_id = " + run));
        }
        return n;
    }

    private String text(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
