package io.volsurf.backtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.synthetic.MarketEffects;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code generate} and {@code demo} take a market preset and snake_case {@code --set} keys; a bad one is exit 2. */
class GeneratedMarketOptionsTest {

    @TempDir
    Path dir;

    @Test
    void generateWritesThePresetsEventsAndTheSetValues() throws Exception {
        Path out = dir.resolve("m");
        assertEquals(0, run(new StringWriter(), "generate", "--days", "25", "--out", out.toString(), "--market",
                "events", "--set", "event_variance=0.003", "--json"));
        List<String> events = Files.readAllLines(out.resolve("events.truth.csv"));
        assertEquals("ticker,session,variance", events.get(0));
        assertTrue(events.size() > 2 && events.get(1).endsWith(",0.003"), events.toString());
    }

    @Test
    void aBadKeyOrPresetIsExitTwoNamingItWithNothingWritten() {
        Path out = dir.resolve("bad");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "generate", "--days", "5", "--out", out.toString(), "--set", "weekend_wieght=0.1"));
        assertTrue(err.toString().contains("weekend_wieght"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "generate", "--days", "5", "--out", out.toString(), "--set", "weekend_weight=3"));
        assertTrue(err.toString().contains("weekend_weight"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "generate", "--days", "5", "--out", out.toString(), "--market", "earnings"));
        assertTrue(err.toString().contains("--market earnings"), err.toString());
        assertFalse(Files.exists(out));
        // demo checks its market before it touches the database (it has none here)
        err = new StringWriter();
        assertEquals(2, run(err, "demo", "--set", "kappa=fast"));
        assertTrue(err.toString().contains("kappa=fast"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "demo", "--real", "--market", "events"));
        assertTrue(err.toString().contains("--real"), err.toString());
    }

    @Test
    void demoAppliesThePresetThenTheFlagsThenTheSetValues() {
        DemoCommand demo = parse("demo", "--market", "noisy", "--vol-of-variance", "0.7", "--set", "slice_noise_vol=0.02",
                "--days", "40");
        SyntheticMarketConfig c = demo.syntheticMarket(List.of("SYN"));
        assertEquals(10, c.kappa(), "the preset's");
        assertEquals(0.7, c.volOfVariance(), "the flag's");
        assertEquals(new MarketEffects(0, 1, 0, 0, 0.015, 0.02), c.effects());
        assertEquals(40, c.days());
        SyntheticMarketConfig plain = parse("demo").syntheticMarket(List.of("SYN", "ALT"));
        assertEquals(SyntheticMarketConfig.defaults(60, 7L).withTickers(List.of("SYN", "ALT"))
                .withVarianceDynamics(100, 1.0), plain, "the demo's market as before");
    }

    private static DemoCommand parse(String... args) {
        CommandLine cl = VolsurfCommand.commandLine(new CliDateBoundsTest.BareFactory());
        CommandLine.ParseResult r = cl.parseArgs(args);
        return (DemoCommand) r.subcommand().commandSpec().userObject();
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = VolsurfCommand.commandLine(new CliDateBoundsTest.BareFactory());
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }
}
