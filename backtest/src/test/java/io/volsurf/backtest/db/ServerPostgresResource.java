package io.volsurf.backtest.db;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.schema.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A throwaway database on a real PostgreSQL server ({@code -Dvolsurf.test.server-url}), created
 * for the test and dropped after it. Without that property the tests using it are skipped.
 */
public final class ServerPostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String PROPERTY = "volsurf.test.server-url";

    private DatabaseTarget admin;
    private String database;

    public static boolean configured() {
        String url = System.getProperty(PROPERTY);
        return url != null && !url.isBlank();
    }

    @Override
    public Map<String, String> start() {
        if (!configured()) {
            // The test class skips itself; give Quarkus a harmless URL that is never used.
            return Map.of();
        }
        admin = DatabaseTarget.parse(System.getProperty(PROPERTY));
        database = "volsurf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(admin, "create database " + database);
        String url = admin.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        DatabaseTarget target = new DatabaseTarget(url, admin.user(), admin.password());
        new SchemaMigrator(target).migrate();
        return Map.of(
                "quarkus.datasource.jdbc.url", target.jdbcUrl(),
                "quarkus.datasource.username", target.user(),
                // no password in the URL: empty leaves it unset, and the driver reads ~/.pgpass
                "quarkus.datasource.password", java.util.Objects.toString(target.password(), ""),
                "volsurf.db.display-url", target.display());
    }

    @Override
    public void stop() {
        if (database != null) {
            execute(admin, "drop database if exists " + database + " with (force)");
        }
    }

    private static void execute(DatabaseTarget target, String sql) {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + target.display() + ": " + e.getMessage(), e);
        }
    }
}
