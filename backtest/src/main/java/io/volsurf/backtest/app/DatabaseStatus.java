package io.volsurf.backtest.app;

import io.agroal.api.AgroalDataSource;
import io.volsurf.db.schema.DatabaseProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The database as the running command sees it: where it is, its schema version and its tables. */
@ApplicationScoped
public class DatabaseStatus {

    // Instance: the datasource is inactive for commands that need no database.
    private final Instance<AgroalDataSource> dataSource;
    private final String displayUrl;
    private final String schemaVersion;

    public DatabaseStatus(Instance<AgroalDataSource> dataSource,
            @ConfigProperty(name = "volsurf.db.display-url", defaultValue = "(configured datasource)") String displayUrl,
            @ConfigProperty(name = "volsurf.db.schema-version", defaultValue = "unknown") String schemaVersion) {
        this.dataSource = dataSource;
        this.displayUrl = displayUrl;
        this.schemaVersion = schemaVersion;
    }

    /** True when the database answers a trivial query within a second. */
    public boolean answers() {
        try {
            return new DatabaseProbe(dataSource.get()).answers();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", displayUrl);
        m.put("schemaVersion", schemaVersion);
        DatabaseProbe probe = new DatabaseProbe(dataSource.get());
        try {
            DatabaseProbe.Description d = probe.describe();
            m.put("serverVersion", d.serverVersion());
            m.put("tables", d.tables());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("database at " + displayUrl + ": " + e.getMessage(), e.getCause());
        }
        return m;
    }
}
