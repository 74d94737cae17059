package io.volsurf.backtest.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code evaluate}'s options with and without {@code --walk-forward}: every misuse is an argument error (exit code
 * 2) naming the option, found before any database or model is touched.
 */
class EvaluateCommandOptionsTest {

    private static EvaluateCommand parse(String... args) {
        EvaluateCommand c = new EvaluateCommand(null, null, new SmallRyeConfigBuilder().build());
        new CommandLine(c).parseArgs(args);
        return c;
    }

    private static String failure(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args).run()).getMessage();
    }

    @Test
    void walkForwardFlagsWithoutWalkForwardAreNamed() {
        String m = failure("--ticker", "SPY", "--model-dir", "m", "--from", "2026-07-27", "--to", "2026-08-21",
                "--retrain-every", "3", "--set", "epochs=2");
        assertTrue(m.contains("--retrain-every") && m.contains("--set") && m.contains("--walk-forward only"), m);
    }

    @Test
    void withoutWalkForwardTheModelAndTheStartAreRequired() {
        assertTrue(failure("--ticker", "SPY", "--from", "2026-07-27", "--to", "2026-08-21").contains("--model-dir"));
        assertTrue(failure("--ticker", "SPY", "--model-dir", "m", "--to", "2026-08-21").contains("--from"));
    }

    @Test
    void badWalkForwardSettingsAreNamed(@TempDir Path dir) throws java.io.IOException {
        String[] base = {"--ticker", "SPY", "--walk-forward", "--to", "2026-08-21"};
        assertTrue(failure(concat(base, "--retrain-every", "0")).contains("--retrain-every must be >= 1"));
        assertTrue(failure(concat(base, "--min-train-sessions", "1")).contains("--min-train-sessions must be >= 2"));
        assertTrue(failure(concat(base, "--threads", "0")).contains("--threads must be >= 1"));
        assertTrue(failure(concat(base, "--from", "2026-08-22")).contains("before --from"));
        assertTrue(failure(concat(base, "--model-dir", dir.toString())).contains("no config.json"));
        assertTrue(failure(concat(base, "--model-dir", dir.toString(), "--set", "epochs=2"))
                .contains("use --config/--set without --model-dir"));
        java.nio.file.Files.writeString(dir.resolve("config.json"), "{\"window\": ");
        assertTrue(failure(concat(base, "--model-dir", dir.toString())).contains("cannot read config.json"));
        assertTrue(failure(concat(base, "--set", "epochs")).contains("--set expects key=value"));
    }

    @Test
    void sparkIsRefusedByTheApplicationAlone() {
        String m = failure("--ticker", "SPY", "--walk-forward", "--to", "2026-08-21", "--spark", "local[2]");
        assertTrue(m.contains("--spark") && m.contains("scripts/spark-evaluate"), m);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
