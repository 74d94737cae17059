package io.volsurf.backtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.volsurf.db.embedded.EmbeddedDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./volsurf db start|stop|status|url|psql} on a home of its own, through picocli as the launcher runs it. */
class DbCommandTest {

    @TempDir
    Path home;

    private String homeBefore;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeEach
    void useTheTestHome() {
        homeBefore = System.getProperty("volsurf.home");
        System.setProperty("volsurf.home", home.toString());
        stdout = System.out;
        stderr = System.err;
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
        EmbeddedDatabase.stopService(home, true);
        if (homeBefore == null) {
            System.clearProperty("volsurf.home");
        } else {
            System.setProperty("volsurf.home", homeBefore);
        }
    }

    @Test
    void startStatusUrlStopAsAServiceThatOutlivesEachCommand() throws Exception {
        assertEquals(3, run("db", "status", "--json"), "not running: exit 3");
        assertFalse(json().get("running").asBoolean());
        assertEquals(1, run("db", "url"), "no URL without a running server");
        assertTrue(err.toString().contains("db start"), err.toString());

        assertEquals(0, run("db", "start", "--port", "0", "--json"));
        JsonNode started = json();
        assertTrue(started.get("service").asBoolean());
        int port = started.get("port").asInt();
        assertTrue(started.get("schemaVersion").asText().matches("\\d+"), started.toString());

        // the command is over, the service runs on
        assertEquals(0, run("db", "status", "--json"));
        JsonNode status = json();
        assertTrue(status.get("running").asBoolean());
        assertTrue(status.get("service").asBoolean());
        assertEquals(port, status.get("port").asInt());
        assertEquals("scram-sha-256", status.get("auth").asText());

        assertEquals(0, run("db", "url", "--json"));
        JsonNode url = json();
        String password = Files.readString(home.resolve("db-password")).strip();
        assertEquals(password, url.get("password").asText());
        assertEquals("postgresql://postgres:" + password + "@127.0.0.1:" + port + "/volsurf", url.get("url").asText());
        try (Connection c = DriverManager.getConnection(url.get("jdbcUrl").asText());
                ResultSet rs = c.createStatement().executeQuery("select count(*) from run_summary")) {
            assertTrue(rs.next(), "the schema's views are there for SQL clients");
        }
        assertEquals(0, run("db", "url"));
        assertEquals(url.get("url").asText(), out.toString().strip());

        assertEquals(0, run("db", "stop", "--json"));
        assertTrue(json().get("stopped").asBoolean());
        assertEquals(3, run("db", "status"));
    }

    @Test
    void psqlRunsWithTheConnectionSetAndReturnsItsExitCode() throws Exception {
        assumeTrue(DbCommand.Psql.onPath("psql") != null, "psql is not installed here");
        assertEquals(0, run("db", "psql", "--", "-Atc", "select current_user"));
        assertEquals(1, run("db", "psql", "--", "-c", "select * from no_such_table"));
        // the server it started for the session is gone with it
        assertEquals(3, run("db", "status"));
    }

    @Test
    void aBadPortIsExitTwoNamingIt() {
        assertEquals(2, run("db", "start", "--port", "70000"));
        assertTrue(err.toString().contains("--port 70000"), err.toString());
        assertFalse(Files.exists(home.resolve("pgdata")), "nothing started");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = new CommandLine(new DbCommandHost());
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            return cl.execute(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private JsonNode json() throws Exception {
        return Output.mapper().readTree(out.toString());
    }

    /** The top command with only {@code db} (the others need CDI). */
    @CommandLine.Command(name = "volsurf", subcommands = DbCommand.class)
    static final class DbCommandHost implements Runnable {
        @Override
        public void run() {
        }
    }
}
