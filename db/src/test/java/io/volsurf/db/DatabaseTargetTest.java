package io.volsurf.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    @Test
    void libpqUriBecomesJdbc() {
        DatabaseTarget t = DatabaseTarget.parse("postgresql://alice:s3cret@db.local:6543/research");
        assertEquals("jdbc:postgresql://db.local:6543/research", t.jdbcUrl());
        assertEquals("alice", t.user());
        assertEquals("s3cret", t.password());
    }

    @Test
    void jdbcUrlKeepsItsParametersAndHidesThePassword() {
        DatabaseTarget t = DatabaseTarget.parse("jdbc:postgresql://h:5432/d?user=bob&password=pw");
        assertEquals("bob", t.user());
        assertEquals("pw", t.password());
        assertFalse(t.display().contains("pw"));
    }

    @Test
    void defaultsToPostgresUserAndPort() {
        DatabaseTarget t = DatabaseTarget.parse("postgresql://127.0.0.1/volsurf");
        assertEquals("jdbc:postgresql://127.0.0.1:5432/volsurf", t.jdbcUrl());
        assertEquals("postgres", t.user());
    }

    @Test
    void rejectsOtherSchemes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseTarget.parse("mysql://localhost/x"));
        assertEquals(true, e.getMessage().contains("not a PostgreSQL URL"));
    }
}
