package io.volsurf.db.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two volsurf homes never share a server: a home whose start loses its port to another home's server (two
 * processes starting at the same moment) notices and moves to another port instead of using the other database.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path homeA;

    @TempDir
    Path homeB;

    @Test
    void aStartThatFindsAnotherHomesServerOnItsPortIsRefused() throws Exception {
        try (EmbeddedDatabase a = EmbeddedDatabase.startOrJoin(homeA, 0)) {
            assertTrue(EmbeddedDatabase.servesDataDirectory(a.port(), homeA.resolve("pgdata"), a.target().password()));
            // the race: B was told the port was free just before A bound it
            assertFalse(EmbeddedDatabase.startOn(homeB, a.port()));
            try (EmbeddedDatabase b = EmbeddedDatabase.startOrJoin(homeB, a.port())) {
                assertNotEquals(a.port(), b.port());
                assertTrue(EmbeddedDatabase.servesDataDirectory(b.port(), homeB.resolve("pgdata"), b.target().password()));
                assertTrue(EmbeddedDatabase.runningPort(homeB).isPresent());
            }
            assertTrue(EmbeddedDatabase.runningPort(homeA).isPresent());
        }
    }
}
