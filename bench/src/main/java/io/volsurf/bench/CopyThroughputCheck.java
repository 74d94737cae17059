package io.volsurf.bench;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.jdbc.CopyRows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;

/**
 * Rows per second into PostgreSQL for the same quote rows written several ways, in one run on one server: psql's
 * {@code \copy} (CSV, the yardstick), the JVM's binary COPY ({@link CopyRows}, what {@code MarketDataStore} writes
 * quotes with) on one stream and on parallel streams (one connection each, the rows split in contiguous
 * partitions, as Spark tasks would write them), each into a logged table with the quotes table's primary key,
 * the same with the key added after the COPY (checked once, over all rows, as a staged session would be), a
 * logged table without it, and an unlogged one.
 * The rows are the first N quotes of the database, in key order; the tables live in schema {@code copy_bench}
 * (dropped at the end), each created fresh before it is written.
 * <pre>java -cp bench/target/benchmarks.jar io.volsurf.bench.CopyThroughputCheck DB_URL [rows] [rounds] [streams]</pre>
 * DB_URL as {@code --db-url} takes it; {@code psql} must be on the PATH.
 */
public final class CopyThroughputCheck {

    private static final String COLUMNS = "ticker, session_date, expiry, strike, option_type, maturity_years, bid, "
            + "ask, price, underlying_price, volume, open_interest, vendor_iv, iv_mid, iv_bid, iv_ask, forward";
    private static final String KEY = "ticker, session_date, expiry, strike, option_type";

    /** One quote row, typed as the table's columns. */
    private record Row(String ticker, LocalDate session, LocalDate expiry, double strike, String type,
            double[] doubles) {
    }

    /** A table the rows are written into. */
    private enum Table {
        KEYED("logged, primary key"), KEY_AFTER("logged, key after"), PLAIN("logged, no key"),
        UNLOGGED("unlogged, no key");

        final String label;

        Table(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CopyThroughputCheck DB_URL [rows] [rounds] [streams]");
            System.exit(2);
        }
        DatabaseTarget target = DatabaseTarget.parse(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int streams = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path csv = Files.createTempFile("volsurf-copy-bench", ".csv");
        try (Connection c = connect(target)) {
            execute(c, "drop schema if exists copy_bench cascade", "create schema copy_bench");
            List<Row> rows = read(c, n);
            try (OutputStream out = Files.newOutputStream(csv)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select " + COLUMNS + " from public.quotes "
                        + "order by " + KEY + " limit " + n + ") to stdout (format csv)", out);
            }
            System.out.printf(Locale.ROOT, "%d quote rows (17 columns), CSV %.1f MB; server %s; %d rounds%n",
                    rows.size(), Files.size(csv) / 1e6, target.display(), rounds);
            for (int r = 1; r <= rounds; r++) {
                System.out.println("round " + r + ", load average " + loadAverage());
                for (Table t : Table.values()) {
                    report("psql \\copy (CSV), 1 stream", t, rows.size(), 1, psqlCopy(c, target, t, csv));
                    report("JVM binary COPY, 1 stream", t, rows.size(), 1, jvmCopy(c, target, t, rows, 1));
                    report("JVM binary COPY, " + streams + " streams", t, rows.size(), streams,
                            jvmCopy(c, target, t, rows, streams));
                }
            }
            execute(c, "drop schema copy_bench cascade");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static void report(String how, Table t, int rows, int streams, double seconds) {
        System.out.printf(Locale.ROOT, "  %-30s into %-18s %6.2f s  %7.0f k rows/s in all, %7.0f k rows/s per writer%n",
                how, t.label, seconds, rows / seconds / 1e3, rows / seconds / 1e3 / streams);
    }

    private static List<Row> read(Connection c, int n) throws SQLException {
        List<Row> rows = new ArrayList<>(n);
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from public.quotes order by " + KEY
                + " limit ?")) {
            s.setInt(1, n);
            s.setFetchSize(50_000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double[] d = new double[12];
                    for (int i = 0; i < 12; i++) {
                        double v = rs.getDouble(6 + i);
                        d[i] = rs.wasNull() ? Double.NaN : v;
                    }
                    rows.add(new Row(rs.getString(1), rs.getObject(2, LocalDate.class),
                            rs.getObject(3, LocalDate.class), rs.getDouble(4), rs.getString(5), d));
                }
            }
        }
        c.commit();
        c.setAutoCommit(true);
        return rows;
    }

    /** Creates the table fresh (a checkpoint first, so no run pays for the previous one's dirty pages). */
    private static String fresh(Connection c, Table t) throws SQLException {
        String name = "copy_bench.quotes_" + t.name().toLowerCase(Locale.ROOT);
        execute(c, "drop table if exists " + name, "create " + (t == Table.UNLOGGED ? "unlogged " : "") + "table "
                + name + " (like public.quotes including defaults including constraints"
                + (t == Table.KEYED ? " including indexes" : "") + ")", "checkpoint");
        return name;
    }

    private static double psqlCopy(Connection c, DatabaseTarget target, Table t, Path csv) throws Exception {
        String table = fresh(c, t);
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                libpqUrl(target), "-c", "\\copy " + table + " (" + COLUMNS + ") from '" + csv + "' (format csv)"));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        long t0 = System.nanoTime();
        int rc = pb.start().waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException("psql \\copy failed with exit code " + rc);
        }
        return s + keyAfter(c, t, table);
    }

    private static double jvmCopy(Connection c, DatabaseTarget target, Table t, List<Row> rows, int streams)
            throws Exception {
        String table = fresh(c, t);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            connections.add(connect(target));
        }
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            long t0 = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                List<Row> part = rows.subList(i * rows.size() / streams, (i + 1) * rows.size() / streams);
                Connection conn = connections.get(i);
                done.add(pool.submit(() -> copy(conn, table, part)));
            }
            long written = 0;
            for (Future<Long> f : done) {
                written += f.get();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (written != rows.size()) {
                throw new IllegalStateException(written + " rows written of " + rows.size());
            }
            return s + keyAfter(c, t, table);
        } finally {
            pool.shutdownNow();
            for (Connection conn : connections) {
                conn.close();
            }
        }
    }

    /** One stream: one transaction, one COPY, as a session's quotes are written. */
    private static long copy(Connection c, String table, List<Row> rows) throws SQLException {
        c.setAutoCommit(false);
        long n = CopyRows.copy(c, table + " (" + COLUMNS + ")", out -> {
            for (Row r : rows) {
                out.add(r.ticker()).add(r.session()).add(r.expiry()).add(r.strike()).add(r.type());
                for (double d : r.doubles()) {
                    out.add(d);
                }
                out.endRow();
            }
        });
        c.commit();
        return n;
    }

    /** For {@link Table#KEY_AFTER}: the primary key built over the copied rows; its seconds (0 for other tables). */
    private static double keyAfter(Connection c, Table t, String table) throws SQLException {
        if (t != Table.KEY_AFTER) {
            return 0;
        }
        long t0 = System.nanoTime();
        execute(c, "alter table " + table + " add primary key (" + KEY + ")");
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String libpqUrl(DatabaseTarget t) {
        // jdbc:postgresql://host:port/db -> postgresql://user@host:port/db (password from PGPASSWORD or .pgpass)
        return t.jdbcUrl().replaceFirst("^jdbc:postgresql://", "postgresql://" + t.user() + "@");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Connection connect(DatabaseTarget t) throws SQLException {
        return DriverManager.getConnection(t.jdbcUrl(), t.user(), t.password());
    }

    private static void execute(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
