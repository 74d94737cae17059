package io.volsurf.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.backtest.app.LaunchPlan;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchPlanTest {

    @Test
    void onlyDatabaseCommandsStartTheDatabaseAndOnlyServeListens() {
        LaunchPlan greeks = LaunchPlan.of(new String[] {"greeks", "--spot", "100"}, Map.of());
        assertFalse(greeks.needsDatabase());
        assertFalse(greeks.opensListener());
        LaunchPlan serve = LaunchPlan.of(new String[] {"serve"}, Map.of());
        assertTrue(serve.needsDatabase());
        assertTrue(serve.opensListener());
        assertTrue(LaunchPlan.of(new String[] {"--verbose", "ingest", "x.csv"}, Map.of()).needsDatabase());
    }

    @Test
    void helpNeverNeedsTheDatabase() {
        assertFalse(LaunchPlan.of(new String[] {"backtest", "--help"}, Map.of()).needsDatabase());
        assertFalse(LaunchPlan.of(new String[] {"--help"}, Map.of()).needsDatabase());
    }

    @Test
    void dbUrlFromOptionWinsOverEnvironment() {
        Map<String, String> env = Map.of("VOLSURF_DB_URL", "postgresql://env/db", "VOLSURF_HOME", "/tmp/vh");
        assertEquals("postgresql://env/db", LaunchPlan.of(new String[] {"report"}, env).dbUrl());
        assertEquals("postgresql://opt/db", LaunchPlan.of(new String[] {"report", "--db-url", "postgresql://opt/db"}, env).dbUrl());
        assertEquals("postgresql://eq/db", LaunchPlan.of(new String[] {"report", "--db-url=postgresql://eq/db"}, env).dbUrl());
        assertEquals(Path.of("/tmp/vh"), LaunchPlan.of(new String[] {"report"}, env).home());
    }

    @Test
    void pytorchRunsOneThreadUnlessTheUserSaysOtherwise() {
        java.util.Properties fresh = new java.util.Properties();
        VolsurfMain.defaultPytorchThreads(fresh);
        assertEquals("1", fresh.getProperty("ai.djl.pytorch.num_threads"));
        assertEquals("1", fresh.getProperty("ai.djl.pytorch.num_interop_threads"));
        java.util.Properties user = new java.util.Properties();
        user.setProperty("ai.djl.pytorch.num_threads", "8");
        VolsurfMain.defaultPytorchThreads(user);
        assertEquals("8", user.getProperty("ai.djl.pytorch.num_threads"));
    }
}
