package io.volsurf.backtest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.db.DedicatedPostgres;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.forecaster.synthetic.GenerationReport;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions ingested in one run and the same sessions ingested day by day (one run per file) store the
 * same features, realised vols over 5 and 21 sessions included, and the same SVI fits: what a session
 * needs from earlier ones comes from the store, not from the run. Ingested newest first, they still store the
 * same features: an ingest recomputes the log returns and realised vols of the stored sessions after it.
 */
// A Quarkus test only for its class loader: the native PyTorch and QuantLib libraries load in one
// class loader per JVM, and the other tests of this module load them in Quarkus's.
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class IngestSplitRunsTest {

    @TempDir
    Path dir;

    @Test
    void ingestingDayByDayGivesTheFeaturesOfOneRun() throws Exception {
        GenerationReport market = new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(25, 5L),
                dir.resolve("market"));
        try (DedicatedPostgres pg = DedicatedPostgres.start()) {
            DataSource ds = pg.dataSource();
            IngestService ingest = new IngestService(ds);

            ingest.ingest(List.of(dir.resolve("market")), null, IngestService.Progress.NONE);
            List<String> oneRun = rows(ds, "select * from session_features order by ticker, session_date");
            List<String> fitsOneRun = rows(ds, "select ticker, session_date, expiry, a, b, rho, m, sigma "
                    + "from svi_fits order by ticker, session_date, expiry");
            assertEquals(market.sessions(), oneRun.size());
            assertTrue(count(ds, "select count(*) from session_features where realized_vol_21 is not null") > 0,
                    "the market is long enough for the 21-session window");

            execute(ds, "truncate sessions, quotes, expiry_forwards, rejects, svi_fits, surfaces, session_features");
            List<Path> files = market.chainFiles().stream().sorted().toList();
            assertEquals(market.sessions(), files.size(), "one chain file per session");
            for (Path file : files) {
                ingest.ingest(List.of(file), null, IngestService.Progress.NONE);
            }
            assertEquals(oneRun, rows(ds, "select * from session_features order by ticker, session_date"));
            assertEquals(fitsOneRun, rows(ds, "select ticker, session_date, expiry, a, b, rho, m, sigma "
                    + "from svi_fits order by ticker, session_date, expiry"));
            assertEquals(market.sessions() - 21,
                    count(ds, "select count(*) from session_features where realized_vol_21 is not null"));
            assertEquals(market.sessions() - 5,
                    count(ds, "select count(*) from session_features where realized_vol_5 is not null"));

            // Newest file first, one run each: every run but the first stores a session before the stored
            // ones, whose log returns and realised vols then need the new history. (The SVI fits, and the
            // features read off them, differ a little: no session has a warm start this way.)
            String spotHistory = "select ticker, session_date, spot, log_return, realized_vol_5, realized_vol_21 "
                    + "from session_features order by ticker, session_date";
            List<String> spotHistoryOneRun = rows(ds, spotHistory);
            execute(ds, "truncate sessions, quotes, expiry_forwards, rejects, svi_fits, surfaces, session_features");
            List<Path> newestFirst = new ArrayList<>(files);
            Collections.reverse(newestFirst);
            int refreshed = 0;
            for (Path file : newestFirst) {
                refreshed += ingest.ingest(List.of(file), null, IngestService.Progress.NONE).featuresRefreshed();
            }
            assertEquals(spotHistoryOneRun, rows(ds, spotHistory));
            assertTrue(refreshed >= market.sessions() - 1, "refreshed " + refreshed);

            // Re-ingesting the same day changes nothing downstream.
            assertEquals(0, ingest.ingest(List.of(files.get(3)), null, IngestService.Progress.NONE)
                    .featuresRefreshed());
            assertEquals(spotHistoryOneRun, rows(ds, spotHistory));
        }
    }

    private static List<String> rows(DataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(md.getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
