package io.volsurf.backtest.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.forecaster.eval.EvaluationReport;
import io.volsurf.forecaster.eval.WalkForward;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code evaluate --walk-forward} through PostgreSQL on a small generated market: folds after the burn-in, every
 * baseline that {@code evaluate} reports (the one list), the statistics, and folds that train only on earlier
 * sessions.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class WalkForwardEvaluationTest {

    @Inject
    IngestService ingest;

    @Inject
    ForecastingService forecasting;

    @Inject
    WalkForwardEvaluation walkForward;

    private static ForecasterConfig tiny() {
        Properties p = new Properties();
        for (String kv : List.of("d_model=8", "heads=2", "layers=1", "batch_size=16", "epochs=1", "patience=1",
                "folds=0")) { // one training per fold: the test counts its epochs, not the no-harm folds
            p.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return ForecasterConfig.fromProperties(p);
    }

    @Test
    void everyTestSessionAfterTheBurnInIsForecastByFoldsFittedBeforeIt() throws Exception {
        Path dir = Files.createTempDirectory("volsurf-walkforward");
        new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(36, 9L).withTickers(List.of("WFA", "WFB")),
                dir.resolve("market"));
        ingest.ingest(List.of(dir.resolve("market")), null, IngestService.Progress.NONE);
        List<LocalDate> sessions = forecasting.sessions("WFA");
        assertEquals(36, sessions.size());

        List<WalkForward.FoldSummary> told = new ArrayList<>();
        WalkForwardEvaluation.Outcome o = walkForward.run(new WalkForwardEvaluation.Request(List.of("WFA", "WFB"), null,
                sessions.get(35), 4, 20, tiny(), 2, true), (s, done, total) -> told.add(s));

        WalkForward.Plan plan = o.result().plan();
        // window N=5: targets from session 5 on; 20 of them are burn-in, the other 11 are tested in folds of 4
        assertEquals(sessions.subList(5, 25), plan.burnIn());
        assertEquals(sessions.subList(25, 36), plan.testDates());
        assertEquals(3, plan.folds().size());
        assertEquals(3, told.size());
        for (WalkForward.FoldSummary f : o.result().folds()) {
            assertTrue(f.trainTo().isBefore(f.testFrom()), "fold " + f.fold() + " trains up to " + f.trainTo());
            assertEquals(1, f.epochsRun());
        }
        EvaluationReport r = o.result().scored().report();
        assertEquals(22, r.sessions());
        assertEquals(List.of("carryForward", "stickyExpiry", "businessTimeStickyExpiry", "filteredStickyExpiry",
                "eventVarianceStickyExpiry", "drift", "linear"),
                List.copyOf(r.baselines().keySet()),
                "the baselines evaluate reports");
        assertNotNull(r.dieboldMarianoByDate());
        assertEquals(11, r.dieboldMarianoVsBest().sessions(), "per date");
        assertNotNull(r.model().pricing());
        assertNotNull(o.statistics().rmseRatioVsBest());
        assertEquals(7, o.statistics().byTenor().size());
        assertTrue(o.statistics().byGap().stream().anyMatch(b -> b.bucket().equals("afterWeekend")));
        assertEquals(0, r.arbitrage().after());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> walkForward.run(
                new WalkForwardEvaluation.Request(List.of("WFA"), null, sessions.get(35), 4, 40, tiny(), 1, false),
                WalkForward.Listener.NONE));
        assertTrue(e.getMessage().contains("--min-train-sessions"), e.getMessage());
    }
}
