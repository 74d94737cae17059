package io.volsurf.backtest.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.db.DedicatedPostgres;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.db.backtest.BacktestStore;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backtest whose database stops in the middle of the run: the run fails with a clear error, the
 * stored state is exactly its completed sessions, the run counts as failed once its process no longer
 * owns it, and resuming it ends with the rows of an uninterrupted run, none duplicated. Runs on a
 * PostgreSQL of its own, stopped and started again on the same data directory.
 */
// A Quarkus test only for its class loader: the native PyTorch and QuantLib libraries load in one
// class loader per JVM, and the other tests of this module load them in Quarkus's.
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class BacktestDatabaseFailureTest {

    private static final String[] RESULT_TABLES = {"trades", "positions", "daily_pnl", "pnl_attribution"};
    private static final int STOP_AFTER = 3;

    @TempDir
    static Path dir;

    private static DedicatedPostgres pg;
    private static DataSource ds;
    private static Path model;
    private static LocalDate from;
    private static LocalDate to;
    private static List<LocalDate> backtestSessions;

    @BeforeAll
    static void marketAndModel() {
        pg = DedicatedPostgres.start();
        ds = pg.dataSource();
        // variance that reverts within two sessions: a forecast with an edge over the market, so the runs trade
        new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(24, 11L).withVarianceDynamics(100, 1.0),
                dir.resolve("market"));
        new IngestService(ds).ingest(List.of(dir.resolve("market")), null, IngestService.Progress.NONE);
        ForecastingService forecasting = new ForecastingService(ds);
        List<LocalDate> sessions = forecasting.sessions("SYN");
        Properties p = new Properties();
        p.setProperty("epochs", "1");
        p.setProperty("d_model", "8");
        p.setProperty("heads", "2");
        p.setProperty("layers", "1");
        p.setProperty("N", "3");
        // the ridge base learns the reversion in closed form: a forecast away from the market from the first epoch
        p.setProperty("residual_base", "linear");
        model = dir.resolve("model");
        forecasting.train(List.of("SYN"), sessions.get(0), sessions.get(15), model, ForecasterConfig.fromProperties(p),
                e -> { }).forecaster().close();
        from = sessions.get(16);
        to = sessions.get(sessions.size() - 1);
        backtestSessions = sessions.subList(16, sessions.size());
    }

    @AfterAll
    static void stopDatabase() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aRunWhoseDatabaseStopsIsFailedKeepsWholeSessionsAndResumesToTheUninterruptedResult() throws Exception {
        StrategyConfig config = BacktestService.defaultsFor(false, HedgeMode.DELTA_GAMMA);
        BacktestStore store = new BacktestStore(ds);

        // The reference: uninterrupted. While it runs, its process owns it: shown running, not claimable.
        List<String> whileRunning = new ArrayList<>();
        BacktestService.RunOutcome clean = new BacktestService(ds).run("SYN", config, model, from, to, null, d -> {
            if (whileRunning.isEmpty()) {
                long id = queryLong("select max(id) from backtest_runs");
                whileRunning.add(queryString("select status from run_summary where run_id = " + id));
                assertTrue(store.failAbandoned().isEmpty(), "a live run is not abandoned");
                IllegalStateException owned = assertThrows(IllegalStateException.class, () -> store.claim(id));
                assertTrue(owned.getMessage().contains("still running in another process"), owned.getMessage());
            }
        });
        assertEquals(List.of("running"), whileRunning);
        assertEquals("completed", clean.status());
        assertEquals(backtestSessions.size(), clean.summary().sessions());

        // The same run with the database stopped (fast shutdown) right after its 3rd session was stored.
        int[] stored = {0};
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new BacktestService(ds).run("SYN", config, model, from, to, null, d -> {
                    if (++stored[0] == STOP_AFTER) {
                        pg.stop();
                    }
                }));
        assertEquals(STOP_AFTER, stored[0], "nothing is stored once the database is gone");
        pg.restart();
        long run = queryLong("select max(id) from backtest_runs");
        assertTrue(run > clean.runId());
        assertTrue(failure.getMessage().startsWith("backtest run " + run + " failed after its last stored session"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("--resume " + run), failure.getMessage());

        // The failure could not be written, so the row still says running; it has no owner any more.
        BacktestStore.RunState state = store.run(run).orElseThrow();
        LocalDate lastStored = backtestSessions.get(STOP_AFTER - 1);
        assertEquals("running", state.status());
        assertEquals(lastStored, state.lastSession(), "last_session is the last committed session");
        assertEquals("failed", queryString("select status from run_summary where run_id = " + run));
        assertTrue(queryString("select error from run_summary where run_id = " + run).startsWith("abandoned"));
        for (String table : RESULT_TABLES) {
            assertEquals(0, queryLong("select count(*) from " + table + " where run_id = " + run
                    + " and session_date > '" + lastStored + "'"), table + ": nothing after the last committed session");
            assertEquals(queryLong("select count(*) from " + table + " where run_id = " + clean.runId()
                    + " and session_date <= '" + lastStored + "'"),
                    queryLong("select count(*) from " + table + " where run_id = " + run), table + ": whole sessions only");
        }
        assertEquals(List.of(run), store.failAbandoned(), "only the abandoned run is marked failed");
        assertEquals("failed", store.run(run).orElseThrow().status());
        assertEquals("completed", store.run(clean.runId()).orElseThrow().status());

        // Resuming the failed run finishes it with exactly the uninterrupted run's rows.
        BacktestService.RunOutcome resumed = new BacktestService(ds).run("SYN", config, model, from, to, run, d -> { });
        assertEquals(run, resumed.runId());
        assertEquals("completed", resumed.status());
        assertEquals("completed", queryString("select status from run_summary where run_id = " + run));
        for (String table : new String[] {"trades", "positions", "daily_pnl", "pnl_attribution", "forecast_vs_realized"}) {
            assertEquals(queryLong("select count(*) from " + table + " where run_id = " + clean.runId()),
                    queryLong("select count(*) from " + table + " where run_id = " + run), table + " row count");
            assertEquals(0, queryLong(difference(table, clean.runId(), run)), table + ": rows only in the clean run");
            assertEquals(0, queryLong(difference(table, run, clean.runId())), table + ": rows only in the resumed run");
        }
        assertEquals(dailyPnl(clean.runId()), dailyPnl(run), "same PnL every day");
        assertEquals(clean.summary().totalPnl(), resumed.summary().totalPnl(), 1e-9);
        assertTrue(queryLong("select count(*) from trades where run_id = " + run) > 0, "the run traded");
    }

    /** Rows of {@code a} (all columns but the run id and a serial id) missing from {@code b}, counted with multiplicity. */
    private static String difference(String table, long a, long b) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select column_name from "
                + "information_schema.columns where table_name = ? and column_name not in ('run_id', 'id') order by ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        String cols = String.join(", ", columns);
        return "select count(*) from (select " + cols + " from " + table + " where run_id = " + a + " except all select "
                + cols + " from " + table + " where run_id = " + b + ") d";
    }

    private static List<String> dailyPnl(long run) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select session_date, total from daily_pnl where run_id = ? order by session_date")) {
            ps.setLong(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, LocalDate.class) + " " + rs.getDouble(2));
                }
            }
        }
        return out;
    }

    private static long queryLong(String sql) {
        return Long.parseLong(queryString(sql));
    }

    private static String queryString(String sql) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
