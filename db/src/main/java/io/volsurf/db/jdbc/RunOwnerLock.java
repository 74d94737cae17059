package io.volsurf.db.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A live process's hold on a stored run (a backtest or an ingest): a session-level advisory lock
 * {@code (lockClass, runId)} held on a connection of its own until {@link #close()}. PostgreSQL drops the lock with the
 * connection, so once the process or the database goes the run reads as abandoned (the views test the lock in
 * {@code pg_locks}: see {@code V4__run_owners.sql} and {@code V6__ingest_run_owners.sql}).
 */
public final class RunOwnerLock implements AutoCloseable {

    private final Connection connection;
    private final int lockClass;
    private final long runId;

    private RunOwnerLock(Connection connection, int lockClass, long runId) {
        this.connection = connection;
        this.lockClass = lockClass;
        this.runId = runId;
    }

    /** A connection of its own in auto-commit, to hold a lock for as long as the run lasts. */
    public static Connection ownerConnection(DataSource dataSource) {
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the run's lock on {@code c} (which the lock then owns and closes), or returns null when another session
     * holds it.
     */
    public static RunOwnerLock tryHold(Connection c, int lockClass, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, lockClass);
            ps.setInt(2, key(runId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? new RunOwnerLock(c, lockClass, runId) : null;
            }
        }
    }

    /** The next value of a run table's id sequence, read on the owner connection before the row is visible. */
    public static long nextId(Connection c, String sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select nextval(?::regclass)")) {
            ps.setString(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Closes a connection after a failure; nothing more can be released. */
    public static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }

    public long runId() {
        return runId;
    }

    /** The connection holding the lock (to write on while the run is owned). */
    public Connection connection() {
        return connection;
    }

    /** Releases the run; a connection the database already dropped has nothing left to release. */
    @Override
    public void close() {
        try (Connection c = connection; PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, lockClass);
            ps.setInt(2, key(runId));
            ps.execute();
        } catch (SQLException gone) {
            // the lock went with the connection
        }
    }

    /** The advisory lock's second key: run ids are positive and fit an int for decades of runs. */
    static int key(long runId) {
        if (runId <= 0 || runId > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("run id " + runId + " is outside the advisory lock's key range");
        }
        return (int) runId;
    }
}
