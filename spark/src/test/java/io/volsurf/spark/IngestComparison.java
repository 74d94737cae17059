package io.volsurf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.market.SessionIngest;
import io.volsurf.db.schema.SchemaMigrator;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.IngestListener;
import io.volsurf.forecaster.ingest.SessionChain;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the Spark ingest tests share: a sample of the shared US chains, throwaway databases on the PostgreSQL
 * server, the single-machine ingest (one thread reading every file through {@link ChainIngestor} into
 * {@link SessionIngest}, which is what {@code IngestService} runs), and the row-for-row table comparison.
 */
final class IngestComparison implements AutoCloseable {

    static final List<String> TABLES = List.of("sessions", "quotes", "expiry_forwards", "rejects",
            "svi_fits", "surfaces", "session_features");
    private static final List<String> NOT_COMPARED = List.of("id", "ingest_run_id");

    private final DatabaseTarget admin;
    private final List<String> created = new ArrayList<>();

    /** Skips the calling test when there is no server. */
    IngestComparison() {
        String url = System.getProperty("volsurf.test.server-url", "postgresql://postgres@127.0.0.1:5432/postgres");
        admin = DatabaseTarget.parse(url);
        try (Connection c = connect(admin)) {
            c.isValid(2);
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL server at " + admin.display() + " (" + e.getMessage()
                    + "): set -Dvolsurf.test.server-url to run this test");
        }
    }

    @Override
    public void close() throws SQLException {
        for (String db : created) {
            execute(admin, "drop database if exists " + db + " with (force)");
        }
    }

    /** Copies the first {@code days} session folders of the shared US data, only the given tickers' files. */
    static void copySample(Path into, List<String> tickers, int days) throws IOException {
        Path us = Path.of(System.getProperty("volsurf.shared.data", "../../shared/data"), "us-options");
        Assumptions.assumeTrue(Files.isDirectory(us), "no shared data at " + us.toAbsolutePath()
                + " (set -Dvolsurf.shared.data): skipped");
        List<Path> folders;
        try (Stream<Path> s = Files.list(us)) {
            folders = s.filter(Files::isDirectory).sorted().limit(days).toList();
        }
        for (Path folder : folders) {
            Path to = Files.createDirectories(into.resolve(folder.getFileName().toString()));
            for (String t : tickers) {
                Path file = folder.resolve(t + ".json.gz");
                Assumptions.assumeTrue(Files.isRegularFile(file), file + " is missing: skipped");
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
    }

    DatabaseTarget freshDatabase() throws SQLException {
        String db = "volsurf_spark_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(admin, "create database " + db);
        created.add(db);
        DatabaseTarget t = new DatabaseTarget(admin.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1"),
                admin.user(), admin.password());
        new SchemaMigrator(t).migrate();
        return t;
    }

    /** The single-machine ingest of {@code chains} into {@code target}; returns its per-session totals. */
    static SessionIngest ingestOnOneMachine(DatabaseTarget target, Path chains) {
        MarketDataStore store = new MarketDataStore(dataSource(target));
        long runId = store.startIngestRun(chains.toString());
        SessionIngest sessions = new SessionIngest(store, runId);
        new ChainIngestor().ingest(List.of(chains), null, new IngestListener() {
            @Override
            public void onSession(SessionChain chain) {
                sessions.onSession(chain);
            }

            @Override
            public void onEmptySession(SessionChain chain) {
                sessions.onEmptySession(chain);
            }
        });
        sessions.refreshSpotHistory();
        return sessions;
    }

    /** Every market table of {@code other} equals {@code reference}'s, row for row (EXCEPT ALL both ways). */
    static void assertSameRows(DatabaseTarget reference, DatabaseTarget other) throws Exception {
        try (Connection c = connect(reference)) {
            for (String table : TABLES) {
                copyTableInto(other, c, table);
            }
            for (String table : List.of("sessions", "quotes", "expiry_forwards", "svi_fits", "surfaces",
                    "session_features")) {
                assertTrue(count(c, "select count(*) from " + table) > 0, table + " is empty: nothing compared");
            }
            for (String table : TABLES) {
                String cols = String.join(", ", columns(c, table));
                long onlyReference = count(c, "select count(*) from (select " + cols + " from public." + table
                        + " except all select " + cols + " from spark_copy." + table + ") d");
                long onlyOther = count(c, "select count(*) from (select " + cols + " from spark_copy." + table
                        + " except all select " + cols + " from public." + table + ") d");
                assertEquals(0, onlyReference, table + ": rows only in the single-machine ingest");
                assertEquals(0, onlyOther, table + ": rows only in the Spark ingest");
            }
        }
    }

    /** Copies the compared columns of a table of {@code from} into schema spark_copy of {@code into}. */
    private static void copyTableInto(DatabaseTarget from, Connection into, String table) throws Exception {
        List<String> cols = columns(into, table);
        String list = String.join(", ", cols);
        StringWriter text = new StringWriter();
        try (Connection source = connect(from)) {
            source.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("copy (select " + list + " from " + table + ") to stdout", text);
        }
        try (Statement s = into.createStatement()) {
            s.execute("create schema if not exists spark_copy");
            s.execute("drop table if exists spark_copy." + table);
            s.execute("create table spark_copy." + table + " as select " + list + " from public." + table
                    + " with no data");
        }
        into.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy spark_copy." + table + " (" + list + ") from stdin", new StringReader(text.toString()));
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select column_name from information_schema.columns where table_schema = 'public' and table_name = '"
                        + table + "' order by ordinal_position")) {
            while (rs.next()) {
                if (!NOT_COMPARED.contains(rs.getString(1))) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The database as a URL the job takes (user in the query). */
    static String url(DatabaseTarget t) {
        String sep = t.jdbcUrl().contains("?") ? "&" : "?";
        return t.jdbcUrl() + sep + "user=" + t.user() + (t.password() == null || t.password().isEmpty() ? "" : "&password=" + t.password());
    }

    static PGSimpleDataSource dataSource(DatabaseTarget t) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(t.jdbcUrl());
        ds.setUser(t.user());
        ds.setPassword(t.password());
        return ds;
    }

    static Connection connect(DatabaseTarget t) throws SQLException {
        return DriverManager.getConnection(t.jdbcUrl(), t.user(), t.password());
    }

    private static void execute(DatabaseTarget t, String sql) throws SQLException {
        try (Connection c = connect(t); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
