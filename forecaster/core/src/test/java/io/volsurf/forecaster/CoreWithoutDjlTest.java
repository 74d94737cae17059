package io.volsurf.forecaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * The surface core reaches no DJL: strategy, db, Spark executors and native images use it without the model's
 * engine and its PyTorch native library. Fails when a dependency brings DJL onto the core's classpath or when a core
 * class names a DJL type.
 */
class CoreWithoutDjlTest {

    static final Pattern DJL_REFERENCE = Pattern.compile("\\bai\\.djl\\.");

    @Test
    void djlIsNotOnTheCoreClasspath() {
        ClassLoader loader = getClass().getClassLoader();
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.djl.engine.Engine", false, loader));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.djl.ndarray.NDArray", false, loader));
        assertNull(loader.getResource("native/lib/pytorch.properties"), "the PyTorch native jar is on the classpath");
    }

    @Test
    void noCoreSourceNamesADjlType() throws IOException {
        Path src = Path.of("src/main/java");
        assertTrue(Files.isDirectory(src), "surefire runs in the module folder; missing " + src.toAbsolutePath());
        List<String> offences = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(src)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                if (DJL_REFERENCE.matcher(Files.readString(p)).find()) {
                    offences.add(src.relativize(p).toString());
                }
            }
        }
        assertTrue(files > 100, "scanned only " + files + " files: wrong folder?");
        assertEquals(List.of(), offences, "core classes that name DJL types");
    }

    @Test
    void theRuleCatchesADjlReference() {
        assertTrue(DJL_REFERENCE.matcher("import ai.djl.ndarray.NDArray;").find());
        assertTrue(DJL_REFERENCE.matcher("ai.djl.Model m = null;").find());
        assertTrue(!DJL_REFERENCE.matcher("import io.volsurf.forecaster.grid.GridSpec;").find());
    }
}
