package io.volsurf.backtest.db;

import io.volsurf.db.embedded.EmbeddedDatabase;
import io.volsurf.db.schema.SchemaMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An embedded PostgreSQL of one test's own (its own data directory, any free port), migrated by the
 * same code as the CLI, that the test can stop and start again on the same data. The data source
 * opens a new connection each time, as a fresh process would after a restart.
 */
public final class DedicatedPostgres implements AutoCloseable {

    private final Path home;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private EmbeddedDatabase db;
    private int port;

    private DedicatedPostgres(Path home) {
        this.home = home;
        start(0);
    }

    public static DedicatedPostgres start() {
        try {
            return new DedicatedPostgres(Files.createTempDirectory("volsurf-dedicated-pg"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Stops the server (fast shutdown: open sessions are ended), keeping its data directory. */
    public void stop() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    /** Starts the server again on the same data directory, on its old port when it is still free. */
    public void restart() {
        if (db == null) {
            start(port);
        }
    }

    private void start(int preferredPort) {
        db = EmbeddedDatabase.startOrJoin(home, preferredPort);
        this.port = db.port();
        new SchemaMigrator(db.target()).migrate();
        dataSource.setURL(db.target().jdbcUrl());
        dataSource.setUser(db.target().user());
        dataSource.setPassword(db.target().password());
    }

    @Override
    public void close() {
        stop();
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
