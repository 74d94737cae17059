package io.volsurf.backtest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.backtest.cli.HelpWithoutBoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Help is printed without booting Quarkus; everything else is left to the application. */
class HelpWithoutBootTest {

    @Test
    void topLevelCommandAndHelpCommandHelpArePrinted() {
        String top = printed("--help");
        for (String command : new String[] {"info", "demo", "ingest", "backtest", "serve", "db"}) {
            assertTrue(top.contains(command), "--help lists " + command + ":\n" + top);
        }
        assertTrue(printed("backtest", "--help").contains("--strategy"));
        assertTrue(printed("help", "ingest").contains("Usage: volsurf ingest"));
        assertTrue(printed("db", "start", "--help").contains("--port"));
        // as picocli does after boot: a help option wins over a bad one
        assertTrue(printed("ingest", "--no-such-option", "--help").contains("Usage: volsurf ingest"));
    }

    @Test
    void anythingButAHelpRequestGoesThroughQuarkus() {
        assertFalse(HelpWithoutBoot.print(new String[] {"report"}));
        assertFalse(HelpWithoutBoot.print(new String[] {"ingest", "--format"}));
        assertFalse(HelpWithoutBoot.print(new String[] {"info"}));
    }

    private static String printed(String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertTrue(HelpWithoutBoot.print(args), String.join(" ", args));
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
