package io.volsurf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.db.DatabaseTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real standalone cluster: {@code scripts/spark-cluster start} (a master and two workers from
 * the Maven-resolved Spark jars), {@code scripts/spark-cluster submit} (SparkSubmit, client mode), and the stored
 * rows compared with the single-machine ingest's, row for row. An integration test (failsafe, after
 * {@code package}): it needs the shaded job jar.
 */
class SparkClusterIngestIT {

    @TempDir
    Path chains;

    @Test
    void jobJarOnAStandaloneClusterStoresTheRowsOfTheSingleMachineIngest() throws Exception {
        Path root = Path.of(System.getProperty("volsurf.repo.root", "..")).toAbsolutePath().normalize();
        Path script = root.resolve("scripts/spark-cluster");
        Assumptions.assumeTrue(Files.isExecutable(script), script + " is missing: skipped");
        Path clusterDir = root.resolve("spark/target/it-cluster");
        try (IngestComparison dbs = new IngestComparison()) {
            IngestComparison.copySample(chains, List.of("AAPL", "SPY"), 3);
            DatabaseTarget single = dbs.freshDatabase();
            DatabaseTarget cluster = dbs.freshDatabase();
            IngestComparison.ingestOnOneMachine(single, chains);
            try {
                Result start = run(root, clusterDir, 240, script.toString(), "start");
                assertEquals(0, start.exit(), start.output());
                assertTrue(start.output().contains("worker-2  pid"), start.output());
                Result submit = run(root, clusterDir, 300, script.toString(), "submit",
                        IngestComparison.url(cluster), chains.toString());
                assertEquals(0, submit.exit(), submit.output());
                assertTrue(submit.output().contains("\"sessions\":6"), submit.output());
                assertTrue(submit.output().contains("stage 1 done: ingest"), submit.output());
            } finally {
                run(root, clusterDir, 60, script.toString(), "stop");
            }
            IngestComparison.assertSameRows(single, cluster);
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path root, Path clusterDir, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().put("VOLSURF_SPARK_DIR", clusterDir.toString());
        Path log = Files.createTempFile("spark-cluster", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutSeconds + " s: " + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(p.exitValue(), out);
    }
}
