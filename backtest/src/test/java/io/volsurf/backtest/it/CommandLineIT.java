package io.volsurf.backtest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import org.junit.jupiter.api.Test;

/** The packaged application, as {@code ./volsurf} runs it. */
@QuarkusMainIntegrationTest
class CommandLineIT {

    @Test
    @Launch(value = "--help")
    void helpListsEveryCommand(LaunchResult result) {
        String out = result.getOutput();
        for (String command : new String[] {"info", "demo"}) {
            assertTrue(out.contains(command), "--help lists " + command + ":\n" + out);
        }
    }

    @Test
    @Launch(value = {"info", "--json"})
    void infoPrintsVersions(LaunchResult result) {
        String out = result.getOutput();
        assertTrue(out.contains("\"java\""), out);
        assertTrue(out.contains("\"pytorch\""), out);
        assertTrue(out.contains("\"postgresql\""), out);
    }

    @Test
    @Launch(value = {"demo", "--db-url", "postgresql://postgres@127.0.0.1:1/nowhere"}, exitCode = 1)
    void unreachableDatabaseIsOneLineAndExitOne(LaunchResult result) {
        String err = result.getErrorOutput().strip();
        assertTrue(err.startsWith("volsurf: cannot reach the database at jdbc:postgresql://127.0.0.1:1/nowhere"), err);
        assertEquals(1, err.lines().count(), "one line:\n" + err);
    }

    @Test
    @Launch(value = {"no-such-command"}, exitCode = 2)
    void unknownCommandSaysSo(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("no-such-command"), result.getErrorOutput());
    }
}
