package io.volsurf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.model.ForecasterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-forward job's command line: what spark-submit and {@code ./volsurf evaluate --walk-forward --spark} pass,
 * evaluate's defaults (K=5, M=20, pricing on), and errors that name the flag (exit code 2 in main).
 */
class WalkForwardJobArgumentsTest {

    @Test
    void readsEvaluatesFlagsWithItsDefaults() {
        WalkForwardJob.Arguments a = WalkForwardJob.Arguments.parse(new String[] {"--ticker", "all",
            "postgresql://u@db:5432/vs", "--to", "2026-08-21", "--set", "epochs=3", "--master", "local[2]"});
        assertEquals("postgresql://u@db:5432/vs", a.databaseUrl());
        assertEquals("all", a.ticker());
        assertNull(a.from());
        assertEquals(LocalDate.of(2026, 8, 21), a.to());
        assertEquals(5, a.retrainEvery());
        assertEquals(20, a.minTrainSessions());
        assertTrue(a.pricing());
        assertEquals("local[2]", a.master());
        assertEquals(3, a.config().epochs());

        WalkForwardJob.Arguments b = WalkForwardJob.Arguments.parse(new String[] {"postgresql://db/vs", "--ticker",
            "SPY", "--from", "2026-07-01", "--to", "2026-08-21", "--retrain-every", "3", "--min-train-sessions", "10",
            "--no-pricing"});
        assertEquals(3, b.retrainEvery());
        assertEquals(10, b.minTrainSessions());
        assertFalse(b.pricing());
        assertEquals(List.of(), b.overrides());
    }

    @Test
    void theModelDirectoryGivesTheWholeConfig(@TempDir Path dir) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("epochs", "7");
        Files.writeString(dir.resolve("config.json"), ForecasterConfig.fromProperties(p).toJson());
        String[] base = {"postgresql://db/vs", "--ticker", "SPY", "--to", "2026-08-21", "--model-dir", dir.toString()};
        WalkForwardJob.Arguments a = WalkForwardJob.Arguments.parse(base);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WalkForwardJob.Arguments
                .parse(concat(base, "--set", "epochs=2")).config());
        assertTrue(e.getMessage().contains("use --config/--set without --model-dir"), e.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        e = assertThrows(IllegalArgumentException.class, () -> WalkForwardJob.Arguments.parse(new String[] {
            "postgresql://db/vs", "--ticker", "SPY", "--to", "2026-08-21", "--model-dir", empty.toString()}).config());
        assertTrue(e.getMessage().contains("no config.json"), e.getMessage());
        assertEquals(7, a.config().epochs());
    }

    @Test
    void namesWhatIsWrong() {
        String[] ok = {"postgresql://db/vs", "--ticker", "SPY", "--to", "2026-08-21"};
        assertMessage("expected one database URL", "--ticker", "SPY", "--to", "2026-08-21");
        assertMessage("not a PostgreSQL URL", "mysql://db/vs", "--ticker", "SPY", "--to", "2026-08-21");
        assertMessage("--ticker is required", "postgresql://db/vs", "--to", "2026-08-21");
        assertMessage("--to is required", "postgresql://db/vs", "--ticker", "SPY");
        assertMessage("--to expects an ISO date", "postgresql://db/vs", "--ticker", "SPY", "--to", "21/08/2026");
        assertMessage("--from 2026-08-22 is after --to 2026-08-21", concat(ok, "--from", "2026-08-22"));
        assertMessage("--retrain-every must be >= 1", concat(ok, "--retrain-every", "0"));
        assertMessage("--retrain-every expects an integer", concat(ok, "--retrain-every", "five"));
        assertMessage("--min-train-sessions must be >= 2", concat(ok, "--min-train-sessions", "1"));
        assertMessage("unknown option --threads", concat(ok, "--threads", "2"));
        assertMessage("--set needs a value", concat(ok, "--set"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WalkForwardJob.Arguments.parse(concat(ok, "--set", "epochs")).config());
        assertTrue(e.getMessage().contains("--set expects key=value"), e.getMessage());
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WalkForwardJob.Arguments.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
