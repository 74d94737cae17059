package io.volsurf.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests with real processes on one VOLSURF_HOME: the embedded server lives as long as any of them uses it,
 * whichever started it, and a server whose processes were all killed is adopted and stopped by the next one. Only
 * API that the code before leases had, so that the tests run (and fail) there too.
 */
class SharedLifetimeTest {

    @TempDir
    Path home;

    @Test
    void theServerOutlivesTheProcessThatStartedItWhileAnotherUsesIt() throws Exception {
        try (ChildJvm first = new ChildJvm(home); ChildJvm second = new ChildJvm(home)) {
            assertTrue(first.readLine().startsWith("READY"));
            assertTrue(second.readLine().startsWith("READY"));
            assertTrue(second.send("query").startsWith("OK"));
            // the starter exits first, as `./volsurf ingest A &` would before `./volsurf ingest B` is done
            assertEquals(0, first.exitAndWait());
            String answer = second.send("query");
            assertTrue(answer.startsWith("OK"), "the second process lost its database when the first exited: " + answer);
            assertTrue(EmbeddedDatabase.runningPort(home).isPresent());
            assertEquals(0, second.exitAndWait());
        }
        // the last user gone, the server stopped with it
        assertTrue(EmbeddedDatabase.runningPort(home).isEmpty(), "server still running after its last user left");
        assertTrue(postmasterGone(), "postmaster still alive");
    }

    @Test
    void anOrphanedServerIsAdoptedByTheNextProcessAndStoppedWhenItLeaves() throws Exception {
        try (ChildJvm starter = new ChildJvm(home)) {
            assertTrue(starter.readLine().startsWith("READY"));
            starter.kill();
        }
        // kill -9 ran no exit code: the server is orphaned but still up
        assertTrue(EmbeddedDatabase.runningPort(home).isPresent(), "the orphaned server should still run");
        try (EmbeddedDatabase adopter = EmbeddedDatabase.startOrJoin(home, 0)) {
            assertTrue(EmbeddedDatabase.runningPort(home).isPresent());
            assertEquals(EmbeddedDatabase.runningPort(home).get(), adopter.port());
        }
        assertTrue(EmbeddedDatabase.runningPort(home).isEmpty(), "the adopted orphan was not stopped");
        assertTrue(postmasterGone(), "postmaster still alive");
    }

    private boolean postmasterGone() throws Exception {
        Path pidFile = home.resolve("pgdata/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return true;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    /** Whatever a test left running is stopped (SIGTERM, as pg_ctl stop -m smart would), API-independent. */
    @AfterEach
    void stopLeftovers() throws Exception {
        Path pidFile = home.resolve("pgdata/postmaster.pid");
        if (Files.exists(pidFile)) {
            List<String> lines = Files.readAllLines(pidFile);
            ProcessHandle.of(Long.parseLong(lines.get(0).trim())).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        }
    }
}
