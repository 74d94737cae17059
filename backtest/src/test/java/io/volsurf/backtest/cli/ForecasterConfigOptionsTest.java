package io.volsurf.backtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.volsurf.forecaster.model.ForecasterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --config} and {@code --set} as train and ablate read them, and their precedence. */
class ForecasterConfigOptionsTest {

    @Command(name = "holder")
    static final class Holder {
        @Mixin
        ForecasterConfigOptions options;
    }

    private final Config empty = new SmallRyeConfigBuilder().build();

    private static ForecasterConfigOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.options;
    }

    @Test
    void setOverridesTheFileAndComesBetweenTheCommandsOwnSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.properties");
        Files.writeString(file, "epochs=7\nN=10\n");
        ForecasterConfigOptions o = parse("--config", file.toString(), "--set", "epochs=4");
        ForecasterConfig c = o.resolve(empty, List.of(), List.of());
        assertEquals(4, c.epochs());
        assertEquals(10, c.window());
        // ablate --quick (before) yields to --set; a variant's own setting (after) wins over --set
        assertEquals(4, o.resolve(empty, List.of("epochs=3"), List.of()).epochs());
        assertEquals(20, o.resolve(empty, List.of(), List.of("N=20")).window());
        assertEquals(ForecasterConfig.defaults().epochs(), parse().resolve(empty, List.of(), List.of()).epochs());
    }

    @Test
    void badValuesAreNamed(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--set", "epochs").resolve(empty, List.of(), List.of()));
        assertTrue(e.getMessage().contains("--set expects key=value"), e.getMessage());
        Path missing = dir.resolve("nope.properties");
        e = assertThrows(IllegalArgumentException.class,
                () -> parse("--config", missing.toString()).resolve(empty, List.of(), List.of()));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
