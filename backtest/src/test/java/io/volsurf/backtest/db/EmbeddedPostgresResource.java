package io.volsurf.backtest.db;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.volsurf.db.embedded.EmbeddedDatabase;
import io.volsurf.db.schema.SchemaMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/** A throwaway embedded PostgreSQL for {@code @QuarkusTest}s, migrated by the same code as the CLI. */
public final class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private Path home;
    private EmbeddedDatabase db;

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory("volsurf-test-pg");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        db = EmbeddedDatabase.startOrJoin(home, 0);
        new SchemaMigrator(db.target()).migrate();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.target().jdbcUrl(),
                "quarkus.datasource.username", db.target().user(),
                "quarkus.datasource.password", db.target().password(),
                "volsurf.db.display-url", db.target().display());
    }

    @Override
    public void stop() {
        if (db != null) {
            db.close();
        }
        if (home != null) {
            try (var paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
