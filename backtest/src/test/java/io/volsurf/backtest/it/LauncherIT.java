package io.volsurf.backtest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** {@code ./volsurf} rebuilds exactly when a source is newer than its last build. */
class LauncherIT {

    private final Path root = Path.of(System.getProperty("volsurf.repo.root", "..")).toAbsolutePath().normalize();
    private final Path stamp = root.resolve("backtest/target/.volsurf-built");

    @Test
    void rebuildsAfterASourceChangeAndNotOtherwise() throws Exception {
        boolean existed = Files.exists(stamp);
        FileTime before = existed ? Files.getLastModifiedTime(stamp) : null;
        try {
            Files.createDirectories(stamp.getParent());
            if (!existed) {
                Files.createFile(stamp);
            }
            // Built after every source: nothing to do.
            Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().plus(1, ChronoUnit.HOURS)));
            assertEquals("fresh", checkStale());
            // A source changed after the last build (the build is older than the sources).
            Files.setLastModifiedTime(stamp, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
            String stale = checkStale();
            assertTrue(stale.startsWith("stale: ") && stale.contains("/src/main/") || stale.endsWith("pom.xml"), stale);
        } finally {
            if (existed) {
                Files.setLastModifiedTime(stamp, before);
            } else {
                Files.deleteIfExists(stamp);
            }
        }
    }

    private String checkStale() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("volsurf").toString()).redirectErrorStream(true);
        pb.environment().put("VOLSURF_CHECK_STALE", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
