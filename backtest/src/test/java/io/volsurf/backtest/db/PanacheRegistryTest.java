package io.volsurf.backtest.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.db.backtest.BacktestStore;
import io.volsurf.db.backtest.PanacheRunRegistry;
import io.volsurf.db.backtest.RunRegistry;
import io.volsurf.db.jdbc.RunOwnerLock;
import io.volsurf.db.model.ModelRegistry;
import io.volsurf.db.model.ModelStore;
import io.volsurf.db.model.PanacheModelRegistry;
import io.volsurf.strategy.backtest.BacktestSummary;
import io.volsurf.strategy.backtest.EvaluationSummary;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.InstrumentKind;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run, sweep and model registry through Panache on the embedded PostgreSQL that Flyway migrated (Hibernate
 * validated the entities against it at boot): every call reads and writes what the JDBC registry of the same rows
 * does, so the two answer alike on one database.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class PanacheRegistryTest {

    @Inject
    RunRegistry registry;

    @Inject
    ModelRegistry models;

    @Inject
    AgroalDataSource dataSource;

    private static BacktestSummary summary(double totalPnl, double sharpe) {
        LocalDate d = LocalDate.of(2026, 8, 3);
        return new BacktestSummary("REG", HedgeMode.DELTA, InstrumentKind.SINGLE, 5, d, d.plusDays(4), totalPnl, sharpe,
                -12.5, 3.0, 1e5, 2e5, 7, 4.55, 10.0, 3.0, 9.0, 0, 7, "assumed", 0, 0, 1, 2, 3, 4, 5, 1e-12,
                new EvaluationSummary(3, 1.5, 0.1, 0, 10, 0.2, 0.1, 100, -90, 1.2));
    }

    @Test
    void hibernateValidatesTheFlywaySchemaInEveryProfile() {
        // the base value, not a %test override: production boots validate the entities as the tests do
        assertEquals("validate", org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.hibernate-orm.schema-management.strategy", String.class));
    }

    @Test
    void theApplicationsRegistryIsPanache() {
        assertTrue(registry instanceof PanacheRunRegistry, registry.getClass().getName());
        assertTrue(models instanceof PanacheModelRegistry, models.getClass().getName());
    }

    @Test
    void sweepsAndRunsReadAndFinishAsTheJdbcRegistrySeesThem() throws Exception {
        BacktestStore jdbc = new BacktestStore(dataSource);
        long sweepId = registry.createSweep("{\"strategy\": [\"delta\", \"delta-gamma\"]}", "{\"ticker\": \"REG\"}");
        assertEquals(jdbc.sweep(sweepId), registry.sweep(sweepId));
        assertEquals("{\"strategy\": [\"delta\", \"delta-gamma\"]}", registry.sweep(sweepId).orElseThrow().gridJson());
        assertTrue(registry.sweep(987_654_321L).isEmpty());
        LocalDate from = LocalDate.of(2026, 8, 3);
        long completed;
        long failed;
        try (RunOwnerLock a = jdbc.startRun("delta", "REG", null, "/models/reg", from, from.plusDays(4),
                "{\"threshold_vol_points\": 1.0}", "h", "test", sweepId, "{\"strategy\": \"delta\"}");
                RunOwnerLock b = jdbc.startRun("delta-gamma", "REG", null, "/models/reg", from, from.plusDays(4),
                        "{\"threshold_vol_points\": 1.0}", "h", "test", sweepId, "{\"strategy\": \"delta-gamma\"}")) {
            completed = a.runId();
            failed = b.runId();
            assertEquals(jdbc.run(completed), registry.run(completed));
            assertEquals("running", registry.run(completed).orElseThrow().status());
            assertEquals("/models/reg", registry.run(completed).orElseThrow().modelDir());

            registry.complete(completed, summary(1234.5, Double.NaN), "{\"totalPnl\": 1234.5}");
            registry.fail(failed, "the market closed");
        }
        assertEquals(new BacktestStore.RunTotals(1234.5, null, -12.5), registry.totals(completed), "NaN stored as NULL");
        assertEquals(jdbc.totals(completed), registry.totals(completed));
        assertEquals("completed", registry.run(completed).orElseThrow().status());
        assertEquals("failed", registry.run(failed).orElseThrow().status());
        assertEquals(jdbc.sweepRuns(sweepId), registry.sweepRuns(sweepId), "same rows, status and settings");
        assertEquals(List.of(completed, failed), registry.sweepRuns(sweepId).stream().map(BacktestStore.SweepRun::runId).toList());
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery("select sessions, summary ->> 'totalPnl', finished_at is not null, "
                        + "(select error from backtest_runs where id = " + failed + ") from backtest_runs where id = " + completed)) {
            rs.next();
            assertEquals(5, rs.getInt(1));
            assertEquals("1234.5", rs.getString(2), "summary stored as jsonb");
            assertTrue(rs.getBoolean(3));
            assertEquals("the market closed", rs.getString(4));
        }
        assertThrows(IllegalArgumentException.class, () -> registry.totals(987_654_321L));
        assertThrows(IllegalStateException.class, () -> registry.fail(987_654_321L, "x"));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("delete from backtest_runs where ticker = 'REG'");
            st.execute("delete from backtest_sweeps where id = " + sweepId);
        }
    }

    @Test
    void trainRegistersAModelThatIdForFindsAndServeReadsAsTheLatest() throws Exception {
        Path dir = Files.createTempDirectory("volsurf-model");
        Files.writeString(dir.resolve("manifest.json"), "{\"files\": {\"params\": \"" + System.nanoTime() + "\"}}");
        String id = models.register(dir, "{\"residual_base\": \"linear\"}", List.of("SPY", "QQQ"),
                LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 24), "{\"rmse\": 1.5}");
        assertEquals(ModelStore.modelId(dir), id);
        assertEquals(id, models.idFor(dir), "known: not registered twice");
        assertEquals(dir.toAbsolutePath(), models.latestModelDir().orElseThrow());
        assertEquals(new ModelStore(dataSource).latestModelDir(), models.latestModelDir());
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery("select tickers, config ->> 'residual_base', train_to, metrics ->> 'rmse', "
                        + "created_at is not null from models where id = '" + id + "'")) {
            rs.next();
            assertEquals(List.of("SPY", "QQQ"), List.of((String[]) rs.getArray(1).getArray()));
            assertEquals("linear", rs.getString(2));
            assertEquals(LocalDate.of(2026, 7, 24), rs.getObject(3, LocalDate.class));
            assertEquals("1.5", rs.getString(4));
            assertTrue(rs.getBoolean(5));
        }
        // registering the same files again (moved) keeps the identity and updates where it is and what it scored
        Path moved = Files.createTempDirectory("volsurf-model-moved");
        Files.copy(dir.resolve("manifest.json"), moved.resolve("manifest.json"));
        assertEquals(id, models.register(moved, "{}", List.of(), null, null, "{\"rmse\": 1.4}"));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery("select model_dir, metrics ->> 'rmse', tickers from models where id = '" + id + "'")) {
            rs.next();
            assertEquals(moved.toAbsolutePath().toString(), rs.getString(1));
            assertEquals("1.4", rs.getString(2));
            assertEquals(2, ((String[]) rs.getArray(3).getArray()).length);
        }
        // a model directory not registered yet (copied in from elsewhere) is registered from its files
        Path unknown = Files.createTempDirectory("volsurf-model-unknown");
        Files.writeString(unknown.resolve("manifest.json"), "{\"other\": " + System.nanoTime() + "}");
        String unknownId = models.idFor(unknown);
        assertEquals(ModelStore.modelId(unknown), unknownId);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            assertTrue(st.executeQuery("select 1 from models where id = '" + unknownId + "'").next());
            st.execute("delete from models where id in ('" + id + "', '" + unknownId + "')");
        }
    }
}
