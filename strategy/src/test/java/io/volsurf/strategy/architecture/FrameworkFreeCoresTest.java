package io.volsurf.strategy.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule that keeps the cores reusable from MLStockPredict, Spark executors and native images: {@code forecaster},
 * {@code greeks} and {@code strategy} are plain Java. Quarkus, CDI, JAX-RS, picocli and Hibernate belong to
 * {@code backtest} (wiring) and {@code db} (persistence). Maven already stops a core from depending on those modules;
 * this test also stops a framework import that arrives through a transitive dependency.
 */
class FrameworkFreeCoresTest {

    static final List<String> CORES = List.of("forecaster/core", "forecaster/model", "greeks", "strategy");

    static final Pattern FRAMEWORK_IMPORT = Pattern.compile(
            "^import\\s+(static\\s+)?(io\\.quarkus|jakarta\\.(ws|enterprise|inject|persistence)|javax\\.ws|picocli"
                    + "|org\\.hibernate|io\\.volsurf\\.(backtest|db))\\b.*$",
            Pattern.MULTILINE);

    @Test
    void coresImportNoFrameworkAndNoHigherModule() throws IOException {
        List<String> offences = new ArrayList<>();
        int files = 0;
        for (String core : CORES) {
            Path src = repositoryRoot().resolve(core).resolve("src/main/java");
            assertTrue(Files.isDirectory(src), "missing " + src);
            try (Stream<Path> paths = Files.walk(src)) {
                for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                    files++;
                    var m = FRAMEWORK_IMPORT.matcher(Files.readString(p));
                    while (m.find()) {
                        offences.add(src.relativize(p) + ": " + m.group().trim());
                    }
                }
            }
        }
        assertTrue(files > 100, "scanned only " + files + " files: wrong root?");
        assertEquals(List.of(), offences, "a core imports a framework or a module above it");
    }

    @Test
    void theRuleCatchesAFrameworkImport() {
        assertTrue(FRAMEWORK_IMPORT.matcher("package x;\nimport io.quarkus.runtime.Startup;\n").find());
        assertTrue(FRAMEWORK_IMPORT.matcher("import jakarta.ws.rs.GET;").find());
        assertTrue(FRAMEWORK_IMPORT.matcher("import picocli.CommandLine;").find());
        assertTrue(FRAMEWORK_IMPORT.matcher("import io.volsurf.db.market.MarketDataStore;").find());
        assertTrue(!FRAMEWORK_IMPORT.matcher("import io.volsurf.forecaster.grid.GridSpec;").find());
    }

    /** Surefire runs in the module folder; the cores are its siblings. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("forecaster")) ? here : here.getParent();
    }
}
