package io.volsurf.backtest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged application, as {@code ./volsurf} runs it. */
@QuarkusMainIntegrationTest
class CommandLineIT {

    @Test
    @Launch(value = "--help")
    void helpListsEveryCommand(LaunchResult result) {
        String out = result.getOutput();
        for (String command : new String[] {"info", "demo", "greeks"}) {
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
        // where the password is and how the database authenticates
        assertTrue(out.contains("\"passwordFile\"") && out.contains("scram-sha-256"), out);
        assertTrue(out.matches("(?s).*\"quantlib\":\\{\"version\":\"1\\.\\d+.*"), "QuantLib version through the binding: " + out);
    }

    @Test
    @Launch(value = {"demo", "--db-url", "postgresql://postgres@127.0.0.1:1/nowhere"}, exitCode = 1)
    void unreachableDatabaseIsOneLineAndExitOne(LaunchResult result) {
        String err = result.getErrorOutput().strip();
        assertTrue(err.startsWith("volsurf: cannot reach the database at jdbc:postgresql://127.0.0.1:1/nowhere"), err);
        assertEquals(1, err.lines().count(), "one line:\n" + err);
    }

    @Test
    @Launch(value = {"greeks", "--spot", "100", "--strike", "100", "--maturity", "1", "--rate", "0.05", "--div", "0",
        "--vol", "0.2", "--type", "call", "--json"})
    void greeksPricesHullsAtTheMoneyCall(LaunchResult result) {
        // Black-Scholes with S=K=100, T=1, r=5%, q=0, vol=20%: 10.4506 (Hull, Haug).
        assertTrue(result.getOutput().contains("\"price\":10.4505"), result.getOutput());
    }

    @Test
    @Launch(value = {"greeks", "--spot", "-1", "--strike", "100", "--maturity", "1", "--rate", "0", "--div", "0",
        "--vol", "0.2", "--type", "call"}, exitCode = 2)
    void greeksRejectsANegativeSpot(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("spot"), result.getErrorOutput());
    }

    @Test
    @Launch(value = {"no-such-command"}, exitCode = 2)
    void unknownCommandSaysSo(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("no-such-command"), result.getErrorOutput());
    }

    @Test
    @Launch(value = {"report", "--html", "--ticker", "nosuch"}, exitCode = 2)
    void reportHtmlNamesAnUnknownTicker(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("--ticker NOSUCH: no stored surfaces"), result.getErrorOutput());
    }

    @Test
    void thePackagedApplicationCarriesThePagePlotlyAndItsScript() throws Exception {
        // plotly.js is fetched from npm at build time (never committed): the packaged jar must hold it, or neither
        // the served page nor report --html could draw anything. ChartsPageTest draws both in a browser.
        Path app = Path.of("target/quarkus-app/app");
        List<String> entries = new ArrayList<>();
        try (var jars = Files.list(app)) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    j.stream().map(JarEntry::getName).forEach(entries::add);
                }
            }
        }
        for (String name : new String[] {"META-INF/resources/index.html", "META-INF/resources/volsurf-charts.js",
            "META-INF/resources/vendor/plotly.min.js"}) {
            assertTrue(entries.contains(name), name + " is not packaged in " + app);
        }
    }
}
