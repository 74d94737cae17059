package io.volsurf.backtest.app;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.embedded.EmbeddedDatabase;
import io.volsurf.db.schema.SchemaMigrator;

/**
 * Reaches the database a command needs before Quarkus boots: the server named by {@code --db-url} /
 * {@code VOLSURF_DB_URL}, or the embedded PostgreSQL under {@code VOLSURF_HOME}; then brings its
 * schema up to date with Flyway and hands the URL to Quarkus' datasource.
 */
public final class DatabaseStartup implements AutoCloseable {

    private final DatabaseTarget target;
    private final EmbeddedDatabase embedded;
    private final String schemaVersion;

    private DatabaseStartup(DatabaseTarget target, EmbeddedDatabase embedded, String schemaVersion) {
        this.target = target;
        this.embedded = embedded;
        this.schemaVersion = schemaVersion;
    }

    public static DatabaseStartup open(LaunchPlan plan) {
        EmbeddedDatabase embedded = null;
        DatabaseTarget target;
        if (plan.dbUrl() != null) {
            try {
                target = DatabaseTarget.parse(plan.dbUrl()).withEnvironmentPassword(System.getenv());
            } catch (IllegalArgumentException e) {
                throw new io.volsurf.db.DatabaseUnavailableException("--db-url: " + e.getMessage());
            }
        } else {
            embedded = EmbeddedDatabase.startOrJoin(plan.home(), EmbeddedDatabase.PREFERRED_PORT, plan.command());
            target = embedded.target();
        }
        try {
            String version = new SchemaMigrator(target).migrate();
            return new DatabaseStartup(target, embedded, version);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    public void exportToQuarkus() {
        System.setProperty("quarkus.datasource.jdbc.url", target.jdbcUrl());
        System.setProperty("quarkus.datasource.username", target.user());
        if (target.password() != null) {
            System.setProperty("quarkus.datasource.password", target.password());
        } else {
            // none in the URL: the driver then reads ~/.pgpass (an empty property would be sent as a password)
            System.clearProperty("quarkus.datasource.password");
        }
        System.setProperty("volsurf.db.display-url", target.display());
        System.setProperty("volsurf.db.schema-version", schemaVersion);
        System.setProperty("volsurf.db.embedded", String.valueOf(embedded != null));
        if (embedded != null) {
            System.setProperty("volsurf.db.embedded-port", String.valueOf(embedded.port()));
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
