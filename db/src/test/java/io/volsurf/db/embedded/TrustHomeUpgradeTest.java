package io.volsurf.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Homes made by older volsurf (trust for every local user, pgbin open to all) are upgraded in place. */
class TrustHomeUpgradeTest {

    @TempDir
    Path home;

    @AfterEach
    void stop() {
        EmbeddedDatabase.stopService(home, true);
    }

    @Test
    void aTrustHomeOfAnOlderVolsurfIsUpgradedOnItsNextStartWithoutLosingData() throws Exception {
        DatabaseHome h = new DatabaseHome(home);
        PostgresBinaries bin = legacyTrustHome(h);
        int port = freePort();
        startTrust(bin, h, port);
        try (Connection c = connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", null);
                Statement s = c.createStatement()) {
            s.execute("create database volsurf");
        }
        try (Connection c = connect("jdbc:postgresql://127.0.0.1:" + port + "/volsurf", null);
                Statement s = c.createStatement()) {
            s.execute("create table kept (x int); insert into kept values (42)");
        }
        assertTrue(bin.run(home, null, "pg_ctl", "-D", h.dataDirectory().toString(), "-m", "fast", "-w", "stop").ok());

        try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home, 0)) {
            assertThrows(SQLException.class, () -> connect(db.target().jdbcUrl(), null).close());
            try (Connection c = connect(db.target().jdbcUrl(), db.target().password());
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select x from kept")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
                assertEquals("on", show(c.createStatement(), "fsync"));
            }
            assertEquals(EmbeddedDatabase.PG_HBA, Files.readString(home.resolve("pgdata/pg_hba.conf")));
            assertEquals("rwx------", mode(home.resolve("pgbin")));
            assertEquals("rwx------", mode(home));
        }
    }

    @Test
    void aTrustServerOfAnOlderVolsurfStillRunningIsUpgradedWhenJoined() throws Exception {
        DatabaseHome h = new DatabaseHome(home);
        PostgresBinaries bin = legacyTrustHome(h);
        int port = freePort();
        startTrust(bin, h, port);
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home, 0)) {
            assertEquals(port, db.port());
            // pg_hba.conf re-read by the running server: the password is needed from now on
            assertThrows(SQLException.class, () -> connect(db.target().jdbcUrl(), null).close());
            try (Connection c = connect(db.target().jdbcUrl(), db.target().password())) {
                assertTrue(c.isValid(5));
            }
        }
    }

    /** A data directory as older volsurf made it: initdb -A trust, pgbin writable by everyone, no password file. */
    private PostgresBinaries legacyTrustHome(DatabaseHome h) throws Exception {
        h.secure();
        PostgresBinaries bin = PostgresBinaries.prepare(h);
        assertTrue(bin.run(home, null, "initdb", "-A", "trust", "-U", "postgres", "-E", "UTF-8", "-D",
                h.dataDirectory().toString()).ok());
        Files.setPosixFilePermissions(h.binaries(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private void startTrust(PostgresBinaries bin, DatabaseHome h, int port) throws Exception {
        PostgresBinaries.Result r = bin.run(home, null, "pg_ctl", "-D", h.dataDirectory().toString(), "-l",
                home.resolve("legacy.log").toString(), "-w", "-o",
                "-p " + port + " -F -c listen_addresses=127.0.0.1 -c unix_socket_directories=''", "start");
        assertTrue(r.ok(), r.output());
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
