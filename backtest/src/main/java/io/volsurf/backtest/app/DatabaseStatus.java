package io.volsurf.backtest.app;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
        try (Connection c = dataSource.get().getConnection()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", displayUrl);
        m.put("schemaVersion", schemaVersion);
        try (Connection c = dataSource.get().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("show server_version")) {
                rs.next();
                m.put("serverVersion", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery(
                    "select count(*) from information_schema.tables where table_schema = current_schema()")) {
                rs.next();
                m.put("tables", rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database at " + displayUrl + ": " + e.getMessage(), e);
        }
        return m;
    }
}
