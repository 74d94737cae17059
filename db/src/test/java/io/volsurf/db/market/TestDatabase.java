package io.volsurf.db.market;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.embedded.EmbeddedDatabase;
import io.volsurf.db.schema.SchemaMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated throwaway database on a real PostgreSQL: on the server named by {@code -Dvolsurf.test.server-url}
 * (scripts/test sets it when one answers on 127.0.0.1:5432), created and dropped here; else on an embedded server
 * of its own in a temporary folder. The data source opens a new connection each time (a process of its own).
 */
final class TestDatabase implements AutoCloseable {

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final DatabaseTarget admin;
    private final String database;
    private final EmbeddedDatabase embedded;
    private final Path home;

    TestDatabase() {
        String url = System.getProperty("volsurf.test.server-url");
        DatabaseTarget target;
        if (url != null && !url.isBlank()) {
            admin = DatabaseTarget.parse(url);
            database = "volsurf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute(admin, "create database " + database);
            target = new DatabaseTarget(admin.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"),
                    admin.user(), admin.password());
            embedded = null;
            home = null;
        } else {
            admin = null;
            database = null;
            try {
                home = Files.createTempDirectory("volsurf-db-test");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            embedded = EmbeddedDatabase.startOrJoin(home, 0);
            target = embedded.target();
        }
        new SchemaMigrator(target).migrate();
        dataSource.setURL(target.jdbcUrl());
        dataSource.setUser(target.user());
        dataSource.setPassword(target.password());
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (database != null) {
            execute(admin, "drop database if exists " + database + " with (force)");
        }
        if (embedded != null) {
            embedded.close();
            try (var paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
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
