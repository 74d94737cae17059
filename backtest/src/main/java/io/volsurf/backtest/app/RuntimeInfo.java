package io.volsurf.backtest.app;

import ai.djl.engine.Engine;
import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.DatabaseUnavailableException;
import io.volsurf.db.embedded.EmbeddedDatabase;
import io.volsurf.db.schema.SchemaMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Versions and paths for {@code info}; each part reports its own failure instead of failing the command. */
@ApplicationScoped
public class RuntimeInfo {

    public Map<String, Object> collect(String dbUrlOption) {
        Map<String, Object> info = new LinkedHashMap<>();
        Path home = LaunchPlan.home(System.getenv());
        info.put("volsurf", Map.of("version", BuildVersion.describe(),
                "home", home.toString()));
        Map<String, Object> java = new LinkedHashMap<>();
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("home", System.getProperty("java.home"));
        info.put("java", java);
        info.put("djl", djl());
        info.put("quantlib", quantLib());
        info.put("postgresql", postgres(home, dbUrlOption));
        return info;
    }

    private static Map<String, Object> djl() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", Engine.getDjlVersion());
        String cache = System.getenv("ENGINE_CACHE_DIR") != null ? System.getenv("ENGINE_CACHE_DIR")
                : System.getProperty("ENGINE_CACHE_DIR");
        m.put("engineCache", cache);
        try {
            Engine engine = Engine.getEngine("PyTorch");
            m.put("pytorch", engine.getVersion());
            m.put("device", engine.defaultDevice().toString());
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            m.put("pytorch", "unavailable: " + e.getMessage());
        }
        return m;
    }

    private static Map<String, Object> quantLib() {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.putAll(QuantLibInfo.describe());
        } catch (RuntimeException | LinkageError e) {
            m.put("version", "unavailable: " + e.getMessage());
        }
        return m;
    }

    private static Map<String, Object> postgres(Path home, String dbUrlOption) {
        Map<String, Object> m = new LinkedHashMap<>();
        String url = dbUrlOption != null ? dbUrlOption : System.getenv("VOLSURF_DB_URL");
        if (url != null && !url.isBlank()) {
            m.put("mode", "server");
            try {
                DatabaseTarget target = DatabaseTarget.parse(url);
                m.put("url", target.display());
                m.put("serverVersion", new SchemaMigrator(target).checkReachable());
            } catch (IllegalArgumentException | DatabaseUnavailableException e) {
                m.put("serverVersion", "unreachable: " + e.getMessage());
            }
            return m;
        }
        m.put("mode", "embedded");
        m.put("binaries", "PostgreSQL " + EmbeddedDatabase.BINARIES_VERSION + " (zonky), unpacked in "
                + home.resolve("pgbin"));
        m.put("dataDirectory", home.resolve("pgdata").toString());
        m.put("auth", EmbeddedDatabase.AUTH_METHOD + ": user " + EmbeddedDatabase.SUPERUSER
                + ", a password on every connection, 127.0.0.1 only");
        m.put("passwordFile", home.resolve("db-password") + " (mode 0600, generated at the first start)");
        EmbeddedDatabase.Status status = EmbeddedDatabase.status(home);
        if (status.running()) {
            m.put("running", "yes, port " + status.port() + (status.service() ? ", as a service (db start)" : "")
                    + ", " + status.users().size() + " volsurf process(es) using it");
            m.put("psql", EmbeddedDatabase.psqlHint(status.port()));
        } else {
            m.put("running", "no (commands that need it start it; './volsurf db start' keeps it running)");
            m.put("psql", "./volsurf db psql");
        }
        return m;
    }
}
