package io.volsurf.backtest.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** A 500 (a bug) carries an id to find in the log, never the exception's or the database's text. */
class ProblemMappersTest {

    private static final String SQL_ERROR = "org.postgresql.util.PSQLException: ERROR: date out of range: "
            + "\"+999999999-12-31\" select max(session_date) from surfaces";

    @Test
    void anUnexpectedFailureIsAGenericProblemWithAnId() {
        for (Throwable t : new Throwable[] {new IllegalStateException(SQL_ERROR), new OutOfMemoryError(SQL_ERROR),
            new InternalServerErrorException(SQL_ERROR)}) {
            Response r = t instanceof InternalServerErrorException w ? new ProblemMappers().web(w, null)
                    : new ProblemMappers().unexpected(t, null);
            assertEquals(500, r.getStatus());
            assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
            String body = (String) r.getEntity();
            for (String leak : new String[] {"PSQL", "select", "out of range", "IllegalState", "OutOfMemory",
                "Exception"}) {
                assertFalse(body.contains(leak), leak + " in " + body);
            }
            assertTrue(body.matches(".*under the id [0-9a-f-]{36}.*"), body);
        }
    }
}
