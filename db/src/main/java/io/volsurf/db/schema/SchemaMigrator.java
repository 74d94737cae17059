package io.volsurf.db.schema;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings a database to the schema this code knows, through the Flyway migrations in
 * {@code db/migration}. Never drops anything: clean is disabled, and a schema newer than the code
 * is refused rather than touched.
 */
public final class SchemaMigrator {

    private final DatabaseTarget target;

    public SchemaMigrator(DatabaseTarget target) {
        this.target = target;
    }

    /** Checks the server answers; throws a one-line {@link DatabaseUnavailableException} when not. */
    public String checkReachable() {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot reach the database at " + target.display() + ": "
                    + firstLine(e.getMessage())
                    + " (start the server, fix --db-url / VOLSURF_DB_URL, or leave both unset to use the embedded database)", e);
        }
    }

    /** Applies pending migrations; returns the schema version now in force. */
    public String migrate() {
        checkReachable();
        Flyway flyway = flyway();
        MigrationVersion codeLatest = latestKnownVersion(flyway);
        MigrationInfo current = flyway.info().current();
        if (current != null && current.getVersion() != null && codeLatest != null
                && current.getVersion().isNewerThan(codeLatest.getVersion())) {
            throw new DatabaseUnavailableException("the database at " + target.display() + " has schema version "
                    + current.getVersion() + ", newer than this volsurf knows (" + codeLatest
                    + "): use a newer volsurf, or point --db-url at another database");
        }
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("migrating the schema at " + target.display() + " failed: "
                    + firstLine(e.getMessage()), e);
        }
        MigrationInfo now = flyway.info().current();
        return now == null ? "none" : now.getVersion().toString();
    }

    Flyway flyway() {
        return Flyway.configure()
                .dataSource(target.jdbcUrl(), target.user(), target.password())
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                // A schema newer than the code is refused in migrate() before Flyway sees it.
                .validateOnMigrate(false)
                .load();
    }

    private static MigrationVersion latestKnownVersion(Flyway flyway) {
        MigrationVersion latest = null;
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getVersion() == null) {
                continue;
            }
            if (info.getState().isResolved() && (latest == null || info.getVersion().isNewerThan(latest.getVersion()))) {
                latest = info.getVersion();
            }
        }
        return latest;
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", target.user());
        if (target.password() != null) {
            // none given: the driver reads ~/.pgpass
            p.setProperty("password", target.password());
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(target.jdbcUrl(), p);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
