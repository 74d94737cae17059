package io.volsurf.db.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** What a running command can tell about its database: whether it answers, its version and its tables. */
public final class DatabaseProbe {

    /** The server's version and the number of tables in the current schema. */
    public record Description(String serverVersion, int tables) {
    }

    private final DataSource dataSource;

    public DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when the database answers a trivial query within a second. */
    public boolean answers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @throws IllegalStateException with the driver's message when the database cannot be read
     */
    public Description describe() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String version;
            try (ResultSet rs = s.executeQuery("show server_version")) {
                rs.next();
                version = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery(
                    "select count(*) from information_schema.tables where table_schema = current_schema()")) {
                rs.next();
                return new Description(version, rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
