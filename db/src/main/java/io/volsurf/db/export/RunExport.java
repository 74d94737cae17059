package io.volsurf.db.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * One stored backtest run as CSV files for pandas and notebooks: what {@code psql \copy} would give, written by
 * PostgreSQL's own CSV writer ({@code COPY ... TO STDOUT WITH CSV HEADER}) so quoting, nulls, arrays and jsonb read
 * back exactly. One file per table or view, rows in a stable order.
 */
public final class RunExport {

    /** A file written: its name, the relation it came from and its row count. */
    public record ExportedFile(String file, String relation, long rows) {
    }

    /** Relation and the order that makes the file stable from one export to the next. */
    private record Part(String relation, String orderBy) {
    }

    // the run's own rows, then the two report views researchers start from
    private static final List<Part> PARTS = List.of(
            new Part("run_summary", "run_id"),
            new Part("backtest_runs", "id"),
            new Part("trades", "session_date, trade_id, role"),
            new Part("positions", "session_date, trade_id, role"),
            new Part("daily_pnl", "session_date"),
            new Part("pnl_attribution", "session_date, scope, trade_id nulls first, role"),
            new Part("pnl_attribution_daily", "session_date"));

    private final DataSource dataSource;

    public RunExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when the run is stored. */
    public boolean exists(long runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from backtest_runs where id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading backtest_runs: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code run-<id>-<relation>.csv} per relation into {@code dir} (created if missing), in one repeatable-read
     * transaction so the files agree with each other while a resumed run writes on.
     */
    public List<ExportedFile> writeCsv(long runId, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<ExportedFile> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Part p : PARTS) {
                    String idColumn = p.relation().equals("backtest_runs") ? "id" : "run_id";
                    // runId is a long: formatting it into the statement cannot inject anything (COPY takes no binds)
                    String sql = "copy (select * from " + p.relation() + " where " + idColumn + " = " + runId
                            + " order by " + p.orderBy() + ") to stdout with (format csv, header true)";
                    String name = "run-" + runId + "-" + p.relation() + ".csv";
                    Path tmp = dir.resolve(name + ".part");
                    long rows;
                    try (OutputStream os = Files.newOutputStream(tmp)) {
                        rows = copy.copyOut(sql, os);
                    }
                    Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    out.add(new ExportedFile(name, p.relation(), rows));
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("exporting run " + runId + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * As {@link #writeCsv}, then each file converted to Parquet ({@code run-<id>-<relation>.parquet}) by DuckDB, which
     * reads the CSV with its header and infers the column types (dates, doubles, integers, text; jsonb and arrays
     * stay text). The CSV files are removed. Row counts are checked against the CSV's.
     */
    public List<ExportedFile> writeParquet(long runId, Path dir) throws IOException {
        List<ExportedFile> csv = writeCsv(runId, dir);
        List<ExportedFile> out = new ArrayList<>();
        try (Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement s = duck.createStatement()) {
            for (ExportedFile f : csv) {
                Path from = dir.resolve(f.file());
                String name = f.file().replaceFirst("\\.csv$", ".parquet");
                Path to = dir.resolve(name);
                // paths are ours (dir + a fixed name); quotes doubled for SQL all the same
                String src = from.toAbsolutePath().toString().replace("'", "''");
                String dst = to.toAbsolutePath().toString().replace("'", "''");
                String read = "read_csv('" + src + "', header = true, auto_detect = true, sample_size = -1)";
                if (f.rows() == 0) {
                    // no rows to infer types from: keep the header's columns as text
                    read = "read_csv('" + src + "', header = true, all_varchar = true)";
                }
                s.execute("copy (select * from " + read + ") to '" + dst + "' (format parquet)");
                try (ResultSet rs = s.executeQuery("select count(*) from read_parquet('" + dst + "')")) {
                    rs.next();
                    if (rs.getLong(1) != f.rows()) {
                        throw new IOException(name + ": " + rs.getLong(1) + " rows written, " + f.rows() + " exported");
                    }
                }
                Files.delete(from);
                out.add(new ExportedFile(name, f.relation(), f.rows()));
            }
        } catch (SQLException e) {
            throw new IOException("writing Parquet with DuckDB: " + e.getMessage(), e);
        }
        return out;
    }
}
