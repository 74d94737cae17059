package io.volsurf.backtest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.ingest.IngestService.IngestOutcome;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.synthetic.GenerationReport;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest} into PostgreSQL on a generated market with broken files: counts, storage, idempotence. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class IngestServiceTest {

    private static final List<String> TICKERS = List.of("ING", "INH");
    private static final String MINE = " where ticker in ('ING', 'INH')";

    private static final IngestService.Progress SILENT = IngestService.Progress.NONE;

    @Inject
    IngestService service;

    @Inject
    AgroalDataSource dataSource;

    @TempDir
    Path dir;

    @Test
    void ingestsEverySessionRejectsBadRowsAndReplacesOnReingest() throws Exception {
        // Own tickers and counts scoped to them: the embedded database is shared with the other @QuarkusTests.
        GenerationReport market = new SyntheticMarketGenerator().generate(
                SyntheticMarketConfig.defaults(4, 7L).withTickers(TICKERS), dir.resolve("market"));
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        byte[] gz = Files.readAllBytes(gzip(market.chainFiles().get(0)));
        Files.write(broken.resolve("truncated.csv.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Files.writeString(broken.resolve("wrong-header.csv"), "foo,bar,baz\n1,2,3\n");

        IngestOutcome first = service.ingest(List.of(dir.resolve("market"), broken), null, SILENT);

        assertEquals(2, first.summary().filesFailed().size(), "both broken files reported: " + first.summary());
        assertEquals(market.sessions() * tickers(market), first.summary().sessions());
        assertEquals(market.badRows().size(), first.summary().rejected(), "only the injected bad rows are rejected: "
                + first.summary().rejectReasons());
        assertEquals(first.summary().sessions(), first.surfaces(), "a surface for every session");
        assertEquals(first.slicesFitted(), first.slicesButterflyFree());
        long quotes = count("select count(*) from quotes" + MINE);
        assertEquals(first.summary().accepted(), quotes);
        assertEquals(first.summary().rejected(), count("select count(*) from rejects" + MINE));
        assertEquals(first.summary().sessions(), count("select count(*) from session_features" + MINE + " and atm_vol_30d > 0"));
        assertEquals(first.summary().sessions() - tickers(market),
                count("select count(*) from session_features" + MINE + " and log_return is not null"));

        IngestOutcome second = service.ingest(List.of(dir.resolve("market")), null, SILENT);
        assertEquals(quotes, count("select count(*) from quotes" + MINE), "re-ingest replaces, no duplicates");
        assertEquals(first.summary().sessions(), count("select count(*) from sessions" + MINE));
        assertEquals(first.summary().rejected(), count("select count(*) from rejects" + MINE));
        assertTrue(second.runId() > first.runId());
        assertEquals("completed", string("select status from ingest_runs where id = " + second.runId()));

        String ticker = TICKERS.get(0);
        List<CanonicalSurface> surfaces = new MarketDataStore(dataSource).surfaces(ticker, LocalDate.of(1900, 1, 1),
                LocalDate.of(2999, 12, 31));
        assertEquals(market.sessions(), surfaces.size());
        assertTrue(surfaces.get(0).observedCells() > 0);
        assertTrue(!surfaces.get(0).slices().isEmpty());
    }

    private static int tickers(GenerationReport r) {
        return (int) r.chainFiles().stream().map(p -> p.getParent().getFileName()).distinct().count();
    }

    private Path gzip(Path file) throws IOException {
        Path out = dir.resolve("tmp.csv.gz");
        try (var os = new java.util.zip.GZIPOutputStream(Files.newOutputStream(out))) {
            Files.copy(file, os);
        }
        return out;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String string(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
