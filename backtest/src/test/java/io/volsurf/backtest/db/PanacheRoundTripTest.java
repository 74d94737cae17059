package io.volsurf.backtest.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.app.DatabaseStatus;
import io.volsurf.db.entity.IngestRunEntity;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Migrations on an empty embedded database, then a Panache write and read back. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class PanacheRoundTripTest {

    @Inject
    DatabaseStatus status;

    @Test
    void migrationsCreateTheSchemaOnAnEmptyDatabase() {
        var d = status.describe();
        assertEquals(true, ((Integer) d.get("tables")) >= 7, "tables after migration: " + d);
        assertNotNull(d.get("serverVersion"));
    }

    @Test
    void ingestRunRoundTrip() {
        RoundTrip.assertRoundTrip();
    }

    /** Shared by the embedded and the server variants. */
    static final class RoundTrip {
        static void assertRoundTrip() {
            OffsetDateTime started = OffsetDateTime.of(2026, 8, 21, 22, 30, 0, 0, ZoneOffset.UTC);
            Long id = QuarkusTransaction.requiringNew().call(() -> {
                IngestRunEntity run = new IngestRunEntity();
                run.startedAt = started;
                run.status = "completed";
                run.paths = "../shared/data/us-options";
                run.files = 3;
                run.accepted = 1234;
                run.rejected = 5;
                run.rejectReasons = "{\"CROSSED_QUOTE\": 5}";
                run.persist();
                return run.id;
            });
            IngestRunEntity back = QuarkusTransaction.requiringNew().call(() -> IngestRunEntity.findById(id));
            assertEquals(started.toInstant(), back.startedAt.toInstant());
            assertEquals(1234, back.accepted);
            assertEquals("completed", back.status);
            assertEquals(5, Output5.reasons(back.rejectReasons));
            assertEquals(id, QuarkusTransaction.requiringNew().call(() -> IngestRunEntity.latest(1).get(0).id));
        }
    }

    /** Reads the JSON count back, proving the jsonb column round-trips as JSON, not as text. */
    static final class Output5 {
        static int reasons(String json) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("CROSSED_QUOTE").asInt();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
    }
}
