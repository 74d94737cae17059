package io.volsurf.backtest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.ingest.IngestService.IngestOutcome;
import io.volsurf.forecaster.ingest.EmptySession;
import io.volsurf.forecaster.iv.BlackFormula;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose rows are all rejected neither wipes a stored session nor aborts the command: an expired-only
 * us-options file must not replace the stored session with an empty one (quotes, SVI fits and surface gone), and an
 * expired-only generic CSV must not end the run before the good file after it is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class IngestEmptySessionTest {

    @Inject
    IngestService service;

    @Inject
    AgroalDataSource dataSource;

    @TempDir
    Path dir;

    /** A us-options chain of three expiries and 21 strikes, priced with a smile, IVs in percent. */
    private static String usOptionsChain(double spot) {
        List<String> rows = new ArrayList<>();
        String[] expiries = {"2026-07-17", "2026-08-21", "2026-09-18"};
        double[] years = {29.0 / 365, 64.0 / 365, 92.0 / 365};
        for (int e = 0; e < expiries.length; e++) {
            for (int k = 400; k <= 600; k += 10) {
                double vol = 0.2 + 0.3 * Math.pow(Math.log(k / spot), 2) - 0.1 * Math.log(k / spot);
                double call = BlackFormula.price(spot, k, vol, years[e], true);
                double put = BlackFormula.price(spot, k, vol, years[e], false);
                rows.add(String.format(Locale.ROOT, "{\"callOption\":\"%s_%d.00_Call\",\"callPrice\":%.2f,"
                        + "\"callVolume\":10,\"callIv\":%.2f,\"callOi\":100,\"putOption\":\"%s_%d.00_Put\","
                        + "\"putPrice\":%.2f,\"putVolume\":10,\"putIv\":%.2f,\"putOi\":100}", expiries[e], k,
                        Math.max(call, 0.01), 100 * vol, expiries[e], k, Math.max(put, 0.01), 100 * vol));
            }
        }
        return "{\"header\":{\"underlyingPrice\":" + spot + "},\"contracts\":[" + String.join(",", rows) + "]}";
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void aFileWithNothingAcceptedKeepsTheStoredSessionAndTheRunGoesOn() throws Exception {
        Path good = write("good/2026-06-18/EMPT.json", usOptionsChain(500));
        IngestOutcome first = service.ingest(List.of(good), null, IngestService.Progress.NONE);
        assertEquals(1, first.surfaces(), "the good chain builds a surface: " + first.sessionFailures());
        long quotes = count("select count(*) from quotes where ticker = 'EMPT'");
        long fits = count("select count(*) from svi_fits where ticker = 'EMPT'");
        assertTrue(quotes > 100 && fits == 3, quotes + " quotes, " + fits + " fits");

        // the same ticker and session, holding only a contract that expired on the day
        Path expiredJson = write("bad/2026-06-18/EMPT.json", "{\"header\":{\"underlyingPrice\":500},\"contracts\":"
                + "[{\"callOption\":\"2026-06-18_500.00_Call\",\"callPrice\":1.2,\"callIv\":20,\"putOption\":"
                + "\"2026-06-18_500.00_Put\",\"putPrice\":1.1,\"putIv\":21}]}");
        Path expiredCsv = write("csv/a-expired.csv", """
                quote_date,underlying,underlying_price,expiration,strike,option_type,bid,ask
                2026-07-01,EMPC,100,2026-06-30,100,C,1.0,1.2
                2026-07-01,EMPC,100,2026-06-30,100,P,1.0,1.2
                """);
        Path goodCsv = write("csv/b-good.csv", """
                quote_date,underlying,underlying_price,expiration,strike,option_type,bid,ask
                2026-07-01,EMPG,100,2026-08-21,95,C,6.4,6.6
                2026-07-01,EMPG,100,2026-08-21,95,P,1.5,1.6
                2026-07-01,EMPG,100,2026-08-21,100,C,3.3,3.5
                2026-07-01,EMPG,100,2026-08-21,100,P,3.3,3.5
                """);
        IngestOutcome second = service.ingest(List.of(expiredJson, expiredCsv, goodCsv), null,
                IngestService.Progress.NONE);

        assertTrue(second.summary().allFilesRead(), second.summary().filesFailed().toString());
        List<EmptySession> empty = second.summary().emptySessions();
        assertEquals(List.of("EMPC", "EMPT"), empty.stream().map(EmptySession::ticker).sorted().toList());
        assertEquals(1, second.summary().sessions(), "only EMPG is stored");
        assertEquals(quotes, count("select count(*) from quotes where ticker = 'EMPT'"), "stored quotes kept");
        assertEquals(fits, count("select count(*) from svi_fits where ticker = 'EMPT'"), "stored fits kept");
        assertEquals(1, count("select count(*) from surfaces where ticker = 'EMPT'"), "stored surface kept");
        assertEquals(first.runId(), count("select ingest_run_id from sessions where ticker = 'EMPT'"));
        assertEquals(0, count("select count(*) from sessions where ticker = 'EMPC'"));
        assertEquals(4, count("select count(*) from quotes where ticker = 'EMPG'"), "the good file after it");
        assertEquals(4, count("select count(*) from rejects where reason = 'EXPIRED' and ingest_run_id = "
                + second.runId()), "the empty sessions' rejects are kept under their run");
        assertEquals("completed", string("select status from ingest_run_summary where run_id = " + second.runId()));
        assertTrue(string("select notes::text from ingest_runs where id = " + second.runId())
                .contains("emptySessions"));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String string(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
