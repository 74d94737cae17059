package io.volsurf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.eval.ListedOption;
import io.volsurf.forecaster.eval.WalkForward;
import io.volsurf.forecaster.eval.WalkForwardDocument;
import io.volsurf.forecaster.eval.WalkForwardSpec;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-forward job on {@code local[2]} prints the document of the single-machine walk-forward: a generated
 * market of two tickers x 36 sessions ingested into a throwaway database, then the folds run on this JVM's threads
 * (the steps {@code evaluate --walk-forward} runs) and as Spark tasks; the two JSON documents are equal field for
 * field, fold results and forecast scores included, once the fields that say how it ran (threads, wall times,
 * engine) are left out.
 */
class SparkWalkForwardEquivalenceTest {

    @TempDir
    Path dir;

    private static ForecasterConfig tiny() {
        Properties p = new Properties();
        for (String kv : List.of("d_model=8", "heads=2", "layers=1", "batch_size=16", "epochs=4", "patience=4", "learning_rate=0.01",
                "folds=0")) {
            p.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return ForecasterConfig.fromProperties(p);
    }

    @Test
    void sparkFoldsGiveTheSingleMachineDocument() throws Exception {
        ExecutorTorch.configure();
        try (IngestComparison dbs = new IngestComparison()) {
            new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(36, 9L)
                    .withTickers(List.of("WFA", "WFB")), dir.resolve("market"));
            DatabaseTarget db = dbs.freshDatabase();
            IngestComparison.ingestOnOneMachine(db, dir.resolve("market"));
            MarketDataStore market = new MarketDataStore(IngestComparison.dataSource(db));
            List<LocalDate> sessions = market.sessionDates("WFA");
            assertEquals(36, sessions.size());
            LocalDate to = sessions.get(35);
            ForecasterConfig config = tiny();

            // What evaluate --walk-forward runs (WalkForwardEvaluation, EvaluateCommand), folds on two threads.
            WalkForwardSpec spec = WalkForwardSpec.of(List.of("WFA", "WFB"), null, to, 4, 20, config);
            WalkForwardSpec.Inputs inputs = spec.read(WalkForwardJob.source(market));
            WalkForward.Plan plan = spec.plan(inputs);
            assertEquals(3, plan.folds().size());

            WalkForward.Result local = spec.run(plan, 2, pair -> ListedOption.listed(
                    market.quotes(pair.target().ticker(), pair.target().session()),
                    market.forwards(pair.target().ticker(), pair.target().session())), WalkForward.Listener.NONE);
            // Sharp only if a fold keeps its trained network (bestEpoch 0 is the untrained base, the same for any seed).
            assertTrue(local.folds().stream().anyMatch(f -> f.bestEpoch() != null && f.bestEpoch() > 0),
                    "no fold kept a trained network: " + local.folds());
            Map<String, Object> single = WalkForwardDocument.of(WalkForwardJob.MAPPER, local,
                    spec.statistics(inputs, local), 2, 1.0, config);

            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("volsurf walk-forward test")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1");
            Map<String, Object> spark;
            try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
                spark = WalkForwardJob.run(jsc, IngestComparison.url(db), "wfa,WFB", null, to, 4, 20, config, true,
                        System.out);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> wf = (Map<String, Object>) spark.get("walkForward");
            assertTrue(String.valueOf(wf.get("engine")).startsWith("spark 4."), "engine: " + wf.get("engine"));

            String expected = WalkForwardJob.MAPPER.writeValueAsString(withoutRunFacts(single));
            String actual = WalkForwardJob.MAPPER.writeValueAsString(withoutRunFacts(spark));
            assertEquals(expected, actual);
            // Sharp: the fold results are in what was compared (pricing and scores), not only the plan.
            assertTrue(expected.contains("\"pricing\"") && expected.contains("\"bestEpoch\""), expected);
        }
    }

    /** The document less what says how it ran rather than what it found. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutRunFacts(Map<String, Object> doc) {
        Map<String, Object> copy = WalkForwardJob.MAPPER.convertValue(doc, Map.class);
        Map<String, Object> wf = (Map<String, Object>) copy.get("walkForward");
        wf.remove("threads");
        wf.remove("wallSeconds");
        wf.remove("engine");
        for (Map<String, Object> fold : (List<Map<String, Object>>) wf.get("foldDetails")) {
            fold.remove("seconds");
        }
        return copy;
    }
}
