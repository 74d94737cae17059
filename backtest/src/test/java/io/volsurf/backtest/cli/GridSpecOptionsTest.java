package io.volsurf.backtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The grid settings of train, evaluate and forecast on the command line: a bad key or value is exit 2 naming it,
 * found before any database or model is opened.
 */
class GridSpecOptionsTest {

    private static final String[] TRAIN = {"train", "--ticker", "SPY", "--from", "2026-05-26", "--to", "2026-07-24",
        "--model-dir", "m"};
    private static final String[] FORECAST = {"forecast", "--ticker", "SPY", "--date", "2026-08-20", "--model-dir", "m"};
    private static final String[] EVALUATE = {"evaluate", "--ticker", "SPY", "--model-dir", "m", "--from", "2026-07-27",
        "--to", "2026-08-21"};

    @Test
    void badGridValuesAreExitTwoNamingTheKey() {
        assertExitTwo("grid_tenors must be strictly increasing", concat(TRAIN, "--set", "grid_tenors=7,30,14"));
        assertExitTwo("grid_knots must be finite numbers", concat(TRAIN, "--set", "grid_knots=-0.1,zero,0.1"));
        assertExitTwo("grid_moneyness must be log, atm_std or sqrt_t", concat(FORECAST, "--set", "grid_moneyness=cubic"));
        assertExitTwo("grid_knots is needed with grid_moneyness=log", concat(FORECAST, "--set", "grid_moneyness=log"));
        assertExitTwo("grid_tenors must be whole calendar days", concat(EVALUATE, "--set", "grid_tenors=7,0.5"));
    }

    @Test
    void otherKeysWhereOnlyTheGridCanBeSetAreNamed() {
        assertExitTwo("--set epochs: only grid_tenors, grid_knots, grid_moneyness can be set here",
                concat(FORECAST, "--set", "epochs=3"));
        assertExitTwo("--set: for --walk-forward only", concat(EVALUATE, "--set", "epochs=3"));
        assertExitTwo("model config: unknown key 'grid_tenor'", concat(TRAIN, "--set", "grid_tenor=7"));
    }

    @Test
    void aBadGridFileIsNamed(@TempDir Path dir) throws Exception {
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"grid_tenors\": [7, 30], \"grid_kots\": [0]}");
        assertExitTwo("unknown key 'grid_kots'", concat(TRAIN, "--grid-spec", unknown.toString()));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"tenorsDays\": [30, 7]}");
        assertExitTwo("--grid-spec " + bad + ": grid_tenors must be strictly increasing",
                concat(FORECAST, "--grid-spec", bad.toString()));
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"grid_tenors\": [7,");
        assertExitTwo("not a JSON object", concat(EVALUATE, "--grid-spec", broken.toString()));
        assertExitTwo("no such file", concat(TRAIN, "--grid-spec", dir.resolve("none.json").toString()));
    }

    private static void assertExitTwo(String expected, String... args) {
        CommandLine cl = VolsurfCommand.commandLine(new ConfiguredFactory());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        String text = err.toString();
        assertEquals(2, code, String.join(" ", args) + " -> " + text);
        assertTrue(text.contains(expected), "'" + expected + "' in: " + text);
        assertTrue(!text.contains("SQL") && !text.contains("Exception"), text);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Commands without their services but with an empty application configuration (train reads it first). */
    static final class ConfiguredFactory implements CommandLine.IFactory {
        private final CliDateBoundsTest.BareFactory bare = new CliDateBoundsTest.BareFactory();

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == TrainCommand.class) {
                return cls.cast(new TrainCommand(null, new SmallRyeConfigBuilder().build()));
            }
            if (cls == EvaluateCommand.class) {
                return cls.cast(new EvaluateCommand(null, null, new SmallRyeConfigBuilder().build()));
            }
            return bare.create(cls);
        }
    }
}
