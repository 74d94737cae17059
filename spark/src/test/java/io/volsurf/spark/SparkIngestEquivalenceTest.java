package io.volsurf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.market.SessionIngest;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ingest job on {@code local[2]} stores the same rows as the single-machine ingest: two tickers x three
 * sessions of {@code ../shared/data/us-options} ingested into two fresh databases on the PostgreSQL server, one
 * by the single-machine path, one by {@link IngestJob}; then every market table compared row for row,
 * {@code EXCEPT ALL} both ways, run ids and serial ids left out (see {@link IngestComparison}).
 */
class SparkIngestEquivalenceTest {

    @TempDir
    Path chains;

    @Test
    void sparkJobStoresTheRowsOfTheSingleMachineIngest() throws Exception {
        try (IngestComparison dbs = new IngestComparison()) {
            IngestComparison.copySample(chains, List.of("AAPL", "SPY"), 3);
            DatabaseTarget single = dbs.freshDatabase();
            DatabaseTarget spark = dbs.freshDatabase();
            SessionIngest sessions = IngestComparison.ingestOnOneMachine(single, chains);

            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("volsurf ingest test")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1");
            IngestJob.Outcome outcome;
            try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
                outcome = IngestJob.run(jsc, IngestComparison.url(spark), List.of(chains.toString()), null,
                        System.out);
            }
            assertEquals(6, outcome.files());
            assertEquals(2, outcome.tickers());
            assertEquals(6, outcome.sessions());
            assertTrue(outcome.filesFailed().isEmpty(), outcome.filesFailed().toString());
            assertEquals(sessions.surfaces(), outcome.surfaces());
            assertEquals(sessions.slicesFitted(), outcome.slicesFitted());

            IngestComparison.assertSameRows(single, spark);
            // The run the job claimed is completed, not left running.
            try (Connection c = IngestComparison.connect(spark)) {
                assertEquals(1, IngestComparison.count(c,
                        "select count(*) from ingest_runs where status = 'completed' and sessions = 6"));
            }
        }
    }
}
