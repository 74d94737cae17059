package io.volsurf.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server on a shared machine: a password (scram-sha-256) for every connection, files only the owner
 * can read or change, fsync on. Only API the code before (trust, fsync off) had, so that they run and fail there.
 */
class EmbeddedDatabaseSecurityTest {

    @TempDir
    Path home;

    /** Whatever a test left running is stopped (SIGTERM), with no API the code before leases lacked. */
    @AfterEach
    void stopLeftovers() throws Exception {
        Path pidFile = home.resolve("pgdata/postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            });
        }
    }

    @Test
    void aConnectionWithoutThePasswordIsRefused() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home, 0)) {
            String url = db.target().jdbcUrl();
            SQLException none = assertThrows(SQLException.class, () -> connect(url, null).close());
            assertTrue(none.getMessage().contains("password"), none.getMessage());
            assertThrows(SQLException.class, () -> connect(url, "wrong").close());
            try (Connection c = connect(url, db.target().password())) {
                assertTrue(c.isValid(5));
            }
            // COPY ... TO PROGRAM is a superuser's: nobody without the password gets near it
            assertEquals(32, db.target().password().length());
            assertEquals(Files.readString(home.resolve("db-password")).strip(), db.target().password());
        }
    }

    @Test
    void homeDataAndBinariesAreTheOwnersAloneAndThePasswordFileIs0600() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home, 0)) {
            assertEquals("rwx------", mode(home));
            assertEquals("rwx------", mode(home.resolve("pgdata")));
            assertEquals("rwx------", mode(home.resolve("pgbin")));
            assertEquals("rwx------", mode(home.resolve("pgbin").resolve(EmbeddedDatabase.BINARIES_VERSION)));
            assertEquals("rw-------", mode(home.resolve("db-password")));
            assertEquals("rw-------", mode(home.resolve("pgdata/pg_hba.conf")));
            String hba = Files.readString(home.resolve("pgdata/pg_hba.conf"));
            assertFalse(hba.lines().anyMatch(l -> !l.startsWith("#") && l.contains("trust")), hba);
        }
    }

    @Test
    void fsyncAndSynchronousCommitAreOn() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home, 0);
                Connection c = connect(db.target().jdbcUrl(), db.target().password());
                Statement s = c.createStatement()) {
            assertEquals("on", show(s, "fsync"));
            assertEquals("on", show(s, "synchronous_commit"));
            assertEquals("on", show(s, "full_page_writes"));
            assertEquals("scram-sha-256", show(s, "password_encryption"));
            assertEquals("127.0.0.1", show(s, "listen_addresses"));
        }
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
