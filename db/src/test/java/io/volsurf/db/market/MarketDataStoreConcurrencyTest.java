package io.volsurf.db.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.db.jdbc.RunOwnerLock;
import io.volsurf.db.market.MarketDataStore.SessionAnalytics;
import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.Reject;
import io.volsurf.forecaster.ingest.RejectReason;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.ingest.SpotSource;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writers of one session serialise, nothing never replaces a session, and a killed ingest's run reads as
 * failed (abandoned): against a real PostgreSQL, each writer on connections of its own as two processes are.
 */
class MarketDataStoreConcurrencyTest {

    private static TestDatabase db;
    private static final LocalDate SESSION = LocalDate.of(2026, 7, 6);
    private static final Instant CLOSE = Instant.parse("2026-07-06T20:00:00Z");
    private static final SessionAnalytics NO_ANALYTICS = new SessionAnalytics(Map.of(), Map.of(), List.of(), null,
            null);

    @BeforeAll
    static void start() {
        db = new TestDatabase();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static SessionChain chain(String ticker, int strikes) {
        List<OptionQuote> quotes = new ArrayList<>();
        for (int i = 0; i < strikes; i++) {
            for (OptionType t : OptionType.values()) {
                quotes.add(new OptionQuote(ticker, SESSION, CLOSE, LocalDate.of(2026, 8, 21),
                        Instant.parse("2026-08-21T20:00:00Z"), 90 + i, t, 1.0, 1.2, Double.NaN, Double.NaN,
                        PriceUnit.QUOTE_CURRENCY, 0.2, 10, 100, 100, Double.NaN, Double.NaN));
            }
        }
        List<Reject> rejects = List.of(new Reject("f.csv", 3, RejectReason.EXPIRED, "expired"));
        return new SessionChain(ticker, SESSION, CLOSE, 100, SpotSource.ROW_UNDERLYING_PRICE, quotes, rejects,
                "f.csv", SESSION, ChainFormat.GENERIC);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void twoWritersOfOneSessionAtOnceBothSucceedAndOneCopyIsStored() throws Exception {
        // Before the per-session lock both deleted the old copy, both inserted, and one failed on sessions_pkey.
        MarketDataStore store = new MarketDataStore(db.dataSource());
        long runA = store.startIngestRun("a");
        long runB = store.startIngestRun("b");
        SessionChain chain = chain("CONC", 40);
        int rounds = 20;
        CyclicBarrier together = new CyclicBarrier(2);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (long run : new long[] {runA, runB}) {
            done.add(pool.submit(() -> {
                // a store of its own, as another process has
                MarketDataStore own = new MarketDataStore(db.dataSource());
                for (int i = 0; i < rounds; i++) {
                    try {
                        together.await(30, TimeUnit.SECONDS);
                        own.replaceSession(run, chain, "generic", NO_ANALYTICS);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + 2 * rounds + " writes failed, first: "
                + failures.get(0));
        assertEquals(1, count("select count(*) from sessions where ticker = 'CONC'"));
        assertEquals(chain.quotes().size(), count("select count(*) from quotes where ticker = 'CONC'"));
        assertEquals(1, count("select count(*) from rejects where ticker = 'CONC'"));
        assertEquals(chain.quotes().size(), count("select accepted from sessions where ticker = 'CONC'"));
    }

    @Test
    void aSessionWithNothingAcceptedNeverReplacesAStoredOne() throws Exception {
        MarketDataStore store = new MarketDataStore(db.dataSource());
        long run = store.startIngestRun("good");
        store.replaceSession(run, chain("KEEP", 5), "generic", NO_ANALYTICS);
        SessionChain empty = new SessionChain("KEEP", SESSION, CLOSE, Double.NaN, null, List.of(),
                List.of(new Reject("e.json", 1, RejectReason.EXPIRED, "expired")), "e.json", SESSION,
                ChainFormat.US_OPTIONS);
        // Before: the empty chain replaced the stored one (or threw a NullPointerException on its spot source).
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.replaceSession(run, empty, "us-options", NO_ANALYTICS));
        assertTrue(e.getMessage().contains("no accepted quote"), e.getMessage());
        assertEquals(10, count("select count(*) from quotes where ticker = 'KEEP'"));
        store.saveRejects(run, "KEEP", SESSION, empty.rejects());
        assertEquals(10, count("select count(*) from quotes where ticker = 'KEEP'"));
        assertEquals(2, count("select count(*) from rejects where ticker = 'KEEP'"));
    }

    @Test
    void anIngestRunWhoseOwnerIsGoneReadsAsAbandoned() throws Exception {
        MarketDataStore store = new MarketDataStore(db.dataSource());
        long id = store.startIngestRun("killed");
        // the owner: a connection of a process that takes the run's lock and is then killed
        Connection owner = db.dataSource().getConnection();
        try (PreparedStatement ps = owner.prepareStatement("select pg_advisory_lock(?, ?)")) {
            ps.setInt(1, MarketDataStore.INGEST_RUN_LOCK_CLASS);
            ps.setInt(2, (int) id);
            ps.execute();
        }
        assertEquals("running", string("select status from ingest_run_summary where run_id = " + id));
        assertTrue(store.failAbandonedIngestRuns().stream().noneMatch(x -> x == id), "an owned run is left alone");
        owner.close(); // the process dies: its connection and its lock go

        assertEquals("failed", string("select status from ingest_run_summary where run_id = " + id));
        assertTrue(string("select error from ingest_run_summary where run_id = " + id).startsWith("abandoned"));
        assertTrue(store.failAbandonedIngestRuns().contains(id));
        assertEquals("failed", string("select status from ingest_runs where id = " + id));
        assertTrue(string("select notes ->> 'error' from ingest_runs where id = " + id).startsWith("abandoned"));
    }

    @Test
    void aClaimedIngestRunIsRunningUntilItsClaimIsReleased() throws Exception {
        MarketDataStore store = new MarketDataStore(db.dataSource());
        long id;
        try (RunOwnerLock claim = store.claimIngestRun("claimed")) {
            id = claim.runId();
            assertEquals("running", string("select status from ingest_run_summary where run_id = " + id));
            store.finishIngestRun(id, "completed", 1, "[]", 1, 2, 0, "{}", "{}");
        }
        assertEquals("completed", string("select status from ingest_run_summary where run_id = " + id));
        assertEquals(0, count("select count(*) from ingest_run_summary where error is not null and run_id = " + id));
    }
}
