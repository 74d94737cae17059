package io.volsurf.backtest.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rooms of {@code backtest}: the application layer (services the command line and the REST API both call) knows
 * neither adapter. It names no JAX-RS or picocli type and nothing in {@code cli} or {@code rest}, imported or written
 * out in full, and holds no JDBC: SQL lives in the {@code db} stores. The adapters translate its results and
 * exceptions into exit codes and HTTP.
 */
class ApplicationLayerTest {

    /** The application layer's packages under {@code io.volsurf.backtest}. */
    static final List<String> APPLICATION_LAYER = List.of("app", "forecasting", "ingest", "report", "runner",
            "serving");

    /** An adapter's type or package, or JDBC, named in code (imports and fully qualified names alike). */
    static final Pattern ADAPTER_OR_JDBC = Pattern.compile(
            "\\b(jakarta\\.ws\\.rs|javax\\.ws\\.rs|picocli|io\\.volsurf\\.backtest\\.(cli|rest)|java\\.sql)\\.[\\w.*]+");

    @Test
    void theApplicationLayerNamesNoAdapterAndNoJdbc() throws IOException {
        Path root = Path.of("src/main/java/io/volsurf/backtest");
        List<String> offences = new ArrayList<>();
        int files = 0;
        for (String pkg : APPLICATION_LAYER) {
            Path dir = root.resolve(pkg);
            assertTrue(Files.isDirectory(dir), "missing " + dir.toAbsolutePath());
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                    files++;
                    offences.addAll(offences(root.relativize(p).toString(), Files.readString(p)));
                }
            }
        }
        assertTrue(files > 25, "scanned only " + files + " files: wrong root?");
        assertEquals(List.of(), offences, "an application-layer class names an adapter or JDBC");
    }

    @Test
    void theRuleCatchesImportsAndFullyQualifiedNamesButNotCommentsOrStrings() {
        assertFalse(offences("A.java", "import jakarta.ws.rs.NotFoundException;").isEmpty());
        assertFalse(offences("A.java", "import picocli.CommandLine;").isEmpty());
        assertFalse(offences("A.java", "import io.volsurf.backtest.rest.ModelServerService;").isEmpty());
        assertFalse(offences("A.java", "String s = io.volsurf.backtest.cli.Output.toJson(x);").isEmpty());
        assertFalse(offences("A.java", "import java.sql.PreparedStatement;").isEmpty());
        assertFalse(offences("A.java", "if (v instanceof java.sql.Date d) {").isEmpty());
        assertTrue(offences("A.java", "import io.volsurf.backtest.serving.ForecastServer;").isEmpty());
        assertTrue(offences("A.java", "/** Not found: the REST API (io.volsurf.backtest.rest.ProblemMappers) maps it */")
                .isEmpty());
        assertTrue(offences("A.java", "throw new X(\"see picocli.CommandLine\");").isEmpty());
    }

    /** Offending names in {@code source}, outside comments and string literals. */
    static List<String> offences(String file, String source) {
        List<String> out = new ArrayList<>();
        Matcher m = ADAPTER_OR_JDBC.matcher(code(source));
        while (m.find()) {
            out.add(file + ": " + m.group());
        }
        return out;
    }

    /** The source with comments and string literals blanked out, so that prose may name the adapters. */
    static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    }
}
