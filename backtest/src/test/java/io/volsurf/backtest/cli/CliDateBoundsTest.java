package io.volsurf.backtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every date option of the command line is bounded to 1900-01-01..2200-12-31 and a date outside is exit 2 naming
 * the option: {@code forecast --date +999999999-12-31} must not reach PostgreSQL and exit 1 with its error text.
 */
class CliDateBoundsTest {

    @Test
    void datesOutsideTheBoundsAreExitTwoNamingTheOption() {
        for (String d : new String[] {"+999999999-12-31", "-999999999-01-01", "+5874898-01-01", "1899-12-31",
            "2201-01-01"}) {
            assertExitTwo("--date", "forecast", "--ticker", "SPY", "--date", d, "--model-dir", "m");
            assertExitTwo("--from", "train", "--ticker", "SPY", "--from", d, "--to", "2026-01-02", "--model-dir", "m");
            assertExitTwo("--to", "backtest", "--ticker", "SPY", "--strategy", "delta", "--model-dir", "m",
                    "--from", "2026-01-02", "--to", d);
            // Options typed LocalDate go through the converter registered on the command line.
            assertExitTwo("--date", "report", "--html", "--date", d);
            assertExitTwo("--date", "fit-svi", "chain.csv", "--date", d);
        }
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        assertEquals(LocalDate.of(1900, 1, 1), DateRange.parse("--from", "1900-01-01"));
        assertEquals(LocalDate.of(2200, 12, 31), DateRange.parse("--to", " 2200-12-31 "));
    }

    private static void assertExitTwo(String option, String... args) {
        CommandLine cl = VolsurfCommand.commandLine(new BareFactory());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        String text = err.toString();
        assertEquals(2, code, String.join(" ", args) + " -> " + text);
        assertTrue(text.contains(option) && text.contains("1900-01-01") && text.contains("2200-12-31"),
                "names the option and the bounds: " + text);
        assertTrue(!text.contains("SQL") && !text.contains("Exception"), text);
    }

    /** Commands without their services: a date is checked before any service is used. */
    static final class BareFactory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return CommandLine.defaultFactory().create(cls);
            } catch (Exception e) {
                Constructor<?> c = cls.getDeclaredConstructors()[0];
                Object[] args = new Object[c.getParameterCount()];
                Class<?>[] types = c.getParameterTypes();
                for (int i = 0; i < args.length; i++) {
                    args[i] = types[i] == String.class ? "." : types[i] == boolean.class ? false
                            : types[i].isPrimitive() ? 0 : null;
                }
                c.setAccessible(true);
                return cls.cast(c.newInstance(args));
            }
        }
    }
}
