package io.volsurf.backtest.db;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The same round trip on a real PostgreSQL server, in a database created and dropped for it. */
@QuarkusTest
@TestProfile(ServerProfile.class)
@EnabledIfSystemProperty(named = ServerPostgresResource.PROPERTY, matches = ".+",
        disabledReason = "no -Dvolsurf.test.server-url (scripts/test sets it when a server answers on 127.0.0.1:5432)")
class ServerPanacheRoundTripTest {

    @Test
    void ingestRunRoundTripOnTheServer() {
        PanacheRoundTripTest.RoundTrip.assertRoundTrip();
    }
}
