package io.volsurf.backtest.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.report.ReportService;
import io.volsurf.db.export.RunExport;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The backtest runner on a generated market, end to end through PostgreSQL: both strategies,
 * the attribution identity on every stored row and through the SQL view, and a resumed run that
 * ends with exactly the rows of an uninterrupted one.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class BacktestServiceTest {

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

    @Test
    void bothStrategiesStoreConsistentAttributionAndAResumedRunHasNoDuplicates() throws Exception {
        Path dir = Files.createTempDirectory("volsurf-bt");
        // variance that reverts within two sessions and a ridge base that learns it: a forecast with an edge to trade
        new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(30, 11L).withVarianceDynamics(100, 1.0),
                dir.resolve("market"));
        ingest.ingest(List.of(dir.resolve("market")), null, IngestService.Progress.NONE);
        List<LocalDate> sessions = forecasting.sessions("SYN");
        Properties p = new Properties();
        p.setProperty("epochs", "2");
        p.setProperty("d_model", "8");
        p.setProperty("heads", "2");
        p.setProperty("layers", "1");
        p.setProperty("N", "3");
        p.setProperty("residual_base", "linear");
        Path model = dir.resolve("model");
        forecasting.train(List.of("SYN"), sessions.get(0), sessions.get(19), model, ForecasterConfig.fromProperties(p),
                e -> { }).forecaster().close();
        LocalDate from = sessions.get(20);
        LocalDate to = sessions.get(sessions.size() - 1);

        BacktestService.RunOutcome delta = backtests.run("SYN", anyEdge(HedgeMode.DELTA), model, from, to, null,
                d -> { });
        BacktestService.RunOutcome gamma = backtests.run("SYN", anyEdge(HedgeMode.DELTA_GAMMA), model, from, to, null,
                d -> { });
        assertEquals("completed", delta.status());
        assertEquals(sessions.size() - 20, delta.summary().sessions());
        assertTrue(delta.summary().maxIdentityError() < 1e-8);
        assertTrue(gamma.summary().maxIdentityError() < 1e-8);
        assertTrue(delta.summary().trades() > 0 && gamma.summary().trades() > 0, "both runs trade: "
                + delta.summary().trades() + ", " + gamma.summary().trades());

        for (long run : new long[] {delta.runId(), gamma.runId()}) {
            List<Map<String, Object>> rows = reports.attribution(run);
            // The first session only opens positions: attribution explains what was carried overnight.
            assertEquals(delta.summary().sessions() - 1, rows.size(), "one portfolio row per session after the first");
            for (Map<String, Object> r : rows) {
                double total = d(r, "total");
                double sum = d(r, "delta") + d(r, "gamma") + d(r, "vega") + d(r, "theta") + d(r, "residual");
                assertTrue(Math.abs(sum - total) <= 1e-8 * Math.max(1, Math.abs(total)), "identity on " + r);
                double split = d(r, "forecastPredicted") + d(r, "forecastError");
                assertTrue(Math.abs(split - d(r, "vega")) <= 1e-8 * Math.max(1, Math.abs(d(r, "vega"))), "vega split " + r);
            }
            Map<String, Object> summary = reports.run(run).orElseThrow();
            assertEquals("completed", summary.get("status"));
            BacktestService.RunOutcome o = run == delta.runId() ? delta : gamma;
            // run_summary says where the option fills' half-spread came from, as the run counted them
            String source = o.summary().fillsAssumed() > 0
                    ? (o.summary().fillsQuoted() > 0 ? "quoted+assumed" : "assumed")
                    : (o.summary().fillsQuoted() > 0 ? "quoted" : null);
            assertEquals(source, summary.get("halfSpreadSource"));
        }
        long rowsClean = count("select count(*) from pnl_attribution where run_id = " + delta.runId())
                + count("select count(*) from trades where run_id = " + delta.runId());

        // A run that died after its 4th session: its stored state is exactly that of a failure mid-run.
        BacktestService.RunOutcome again = backtests.run("SYN", anyEdge(HedgeMode.DELTA), model, from, to, null,
                d -> { });
        LocalDate cut = sessions.get(23);
        execute("delete from pnl_attribution where run_id = " + again.runId() + " and session_date > '" + cut + "'");
        execute("delete from trades where run_id = " + again.runId() + " and session_date > '" + cut + "'");
        execute("delete from daily_pnl where run_id = " + again.runId() + " and session_date > '" + cut + "'");
        execute("update backtest_runs set status = 'failed', last_session = '" + cut + "' where id = " + again.runId());
        BacktestService.RunOutcome resumed = backtests.run("SYN", anyEdge(HedgeMode.DELTA), model, from, to,
                again.runId(), d -> { });
        assertEquals(again.runId(), resumed.runId());
        assertEquals("completed", resumed.status());
        assertEquals(rowsClean, count("select count(*) from pnl_attribution where run_id = " + again.runId())
                + count("select count(*) from trades where run_id = " + again.runId()), "resume leaves no duplicates");
        assertEquals(delta.summary().totalPnl(), resumed.summary().totalPnl(), 1e-9, "deterministic");

        // export: one CSV per table, every stored row of the run, and the daily attribution reads back exactly
        Path out = dir.resolve("export");
        var files = new RunExport(dataSource).writeCsv(gamma.runId(), out);
        for (var f : files) {
            String idColumn = f.relation().equals("backtest_runs") ? "id" : "run_id";
            assertEquals(count("select count(*) from " + f.relation() + " where " + idColumn + " = " + gamma.runId()),
                    f.rows(), f.relation());
            List<String> lines = Files.readAllLines(out.resolve(f.file()));
            assertEquals(f.rows() + 1, lines.size(), "header + rows in " + f.file());
        }
        List<String> daily = Files.readAllLines(out.resolve("run-" + gamma.runId() + "-pnl_attribution_daily.csv"));
        List<String> header = List.of(daily.get(0).split(","));
        List<Map<String, Object>> stored = reports.attribution(gamma.runId());
        for (int i = 0; i < stored.size(); i++) {
            String[] cells = daily.get(i + 1).split(",");
            assertEquals(d(stored.get(i), "total"), Double.parseDouble(cells[header.indexOf("total")]), 0.0,
                    "exported total, row " + i);
        }
        assertTrue(!new RunExport(dataSource).exists(987_654_321L));
        // Parquet: the same rows, read back by DuckDB with the daily totals exact
        Path pq = dir.resolve("parquet");
        for (var f : new RunExport(dataSource).writeParquet(gamma.runId(), pq)) {
            assertTrue(f.file().endsWith(".parquet") && Files.size(pq.resolve(f.file())) > 0, f.file());
        }
        try (Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("select count(*), sum(total) from read_parquet('"
                        + pq.resolve("run-" + gamma.runId() + "-pnl_attribution_daily.parquet") + "')")) {
            rs.next();
            assertEquals(stored.size(), rs.getLong(1));
            assertEquals(stored.stream().mapToDouble(r -> d(r, "total")).sum(), rs.getDouble(2),
                    1e-9 * Math.max(1, Math.abs(rs.getDouble(2))));
        }
    }

    /** The venue defaults, trading on any edge beyond the half-spread (no extra threshold), so the runs trade. */
    private static StrategyConfig anyEdge(HedgeMode mode) {
        return BacktestService.defaultsFor(false, mode).toBuilder().thresholdVolPoints(0).build();
    }

    private static double d(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
