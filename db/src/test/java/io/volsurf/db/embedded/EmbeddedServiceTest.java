package io.volsurf.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db start}: a server that outlives its users until {@code db stop}; and what status reports. */
class EmbeddedServiceTest {

    @TempDir
    Path home;

    @AfterEach
    void stop() {
        EmbeddedDatabase.stopService(home, true);
    }

    @Test
    void aServiceKeepsRunningAfterItsLastUserLeavesUntilStopped() {
        int port = EmbeddedDatabase.startService(home, 0);
        EmbeddedDatabase.Status status = EmbeddedDatabase.status(home);
        assertTrue(status.running());
        assertTrue(status.service());
        assertEquals(port, status.port());
        assertTrue(status.users().isEmpty());
        try (EmbeddedDatabase user = EmbeddedDatabase.startOrJoin(home, 0, "report")) {
            assertEquals(port, user.port());
            EmbeddedDatabase.Status withUser = EmbeddedDatabase.status(home);
            assertEquals(1, withUser.users().size());
            assertEquals("report", withUser.users().get(0).command());
            assertEquals(ProcessHandle.current().pid(), withUser.users().get(0).pid());
        }
        assertTrue(EmbeddedDatabase.status(home).running(), "a service outlives its users");
        EmbeddedDatabase.StopResult stopped = EmbeddedDatabase.stopService(home, false);
        assertTrue(stopped.wasRunning());
        assertTrue(stopped.stopped());
        assertFalse(EmbeddedDatabase.status(home).running());
    }

    @Test
    void stopWhileAProcessUsesItStopsWhenThatProcessLeavesOrAtOnceWithForce() {
        EmbeddedDatabase.startService(home, 0);
        try (EmbeddedDatabase user = EmbeddedDatabase.startOrJoin(home, 0, "serve")) {
            EmbeddedDatabase.StopResult deferred = EmbeddedDatabase.stopService(home, false);
            assertTrue(deferred.wasRunning());
            assertFalse(deferred.stopped());
            assertEquals(1, deferred.users().size());
            assertTrue(EmbeddedDatabase.status(home).running());
            assertFalse(EmbeddedDatabase.status(home).service());
        }
        assertFalse(EmbeddedDatabase.status(home).running(), "stops when the last user leaves");

        EmbeddedDatabase.startService(home, 0);
        try (EmbeddedDatabase user = EmbeddedDatabase.startOrJoin(home, 0, "serve")) {
            EmbeddedDatabase.StopResult forced = EmbeddedDatabase.stopService(home, true);
            assertTrue(forced.stopped());
            assertFalse(EmbeddedDatabase.status(home).running());
        }
    }

    @Test
    void aServerStartedByAUserIsNotAServiceAndStopsWithIt() {
        try (EmbeddedDatabase user = EmbeddedDatabase.startOrJoin(home, 0, "ingest")) {
            assertFalse(EmbeddedDatabase.status(home).service());
        }
        assertFalse(EmbeddedDatabase.status(home).running());
        assertFalse(EmbeddedDatabase.stopService(home, false).wasRunning());
    }
}
