package io.volsurf.backtest.db;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs a test class against a throwaway database on the PostgreSQL server, not the embedded one. */
public final class ServerProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ServerPostgresResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
