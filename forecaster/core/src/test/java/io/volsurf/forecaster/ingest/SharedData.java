package io.volsurf.forecaster.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared/data} for real-data tests; skips the test when it is absent. */
final class SharedData {

    private SharedData() {
    }

    static Path require(String sub) {
        String prop = System.getProperty("volsurf.shared.data");
        Path root = prop != null ? Path.of(prop) : Path.of("../shared/data");
        if (!Files.isDirectory(root) && prop == null) {
            root = Path.of("../../shared/data");
        }
        Path dir = root.resolve(sub);
        Assumptions.assumeTrue(Files.isDirectory(dir), dir + " absent (…/shared/data absent: skipping real-data test)");
        return dir;
    }
}
