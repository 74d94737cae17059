package io.volsurf.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.schema.SchemaMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --db-url} without a password: null, so that the driver reads ~/.pgpass; PGPASSWORD is added by us. */
class DatabaseTargetPasswordTest {

    @TempDir
    Path home;

    @AfterEach
    void stop() {
        EmbeddedDatabase.stopService(home, true);
    }

    @Test
    void aUrlWithoutPasswordLeavesItNullSoThatPgpassAndPgpasswordWork() throws Exception {
        DatabaseTarget bare = DatabaseTarget.parse("postgresql://postgres@127.0.0.1:5432/volsurf");
        assertNull(bare.password());
        assertNull(DatabaseTarget.parse("jdbc:postgresql://127.0.0.1:5432/volsurf").password());
        assertEquals("fromenv", bare.withEnvironmentPassword(Map.of("PGPASSWORD", "fromenv")).password());
        assertEquals("given", DatabaseTarget.parse("postgresql://postgres:given@h/db")
                .withEnvironmentPassword(Map.of("PGPASSWORD", "fromenv")).password());
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home, 0)) {
            Path pgpass = home.resolve("pgpass");
            Files.writeString(pgpass, "127.0.0.1:" + db.port() + ":*:postgres:" + db.target().password() + "\n");
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
            String before = System.getProperty("org.postgresql.pgpassfile");
            System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
            try {
                DatabaseTarget t = DatabaseTarget.parse("postgresql://postgres@127.0.0.1:" + db.port() + "/volsurf");
                assertTrue(new SchemaMigrator(t).checkReachable().startsWith("17"));
            } finally {
                if (before == null) {
                    System.clearProperty("org.postgresql.pgpassfile");
                } else {
                    System.setProperty("org.postgresql.pgpassfile", before);
                }
            }
        }
    }

}
