package io.volsurf.backtest.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.ingest.IngestService;
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
 * {@code ablate} on a small generated market through PostgreSQL: every variant of every axis trains on the same
 * walk-forward split and comes back with finite metrics; the default is not trained twice.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class AblationServiceTest {

    @Inject
    IngestService ingest;

    @Inject
    ForecastingService forecasting;

    @Inject
    AblationService ablation;

    /** A tiny model, one epoch (after --quick's settings), so that nine trainings take seconds. */
    private static ForecasterConfig tiny(List<String> overrides) {
        List<String> all = new ArrayList<>(AblationPlan.QUICK);
        // folds=0: one run of one epoch per variant (this tests the axes; with folds a variant whose folds all keep
        // the untrained model is not trained at all, NoHarmTrainingTest)
        all.addAll(List.of("d_model=8", "heads=2", "layers=1", "batch_size=16", "epochs=1", "patience=1", "folds=0"));
        all.addAll(overrides);
        Properties p = new Properties();
        for (String kv : all) {
            int eq = kv.indexOf('=');
            p.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return ForecasterConfig.fromProperties(p);
    }

    @Test
    void everyVariantOfEveryAxisHasFiniteMetrics() throws Exception {
        Path dir = Files.createTempDirectory("volsurf-ablate");
        new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(40, 5L).withTickers(List.of("ABL")),
                dir.resolve("market"));
        ingest.ingest(List.of(dir.resolve("market")), null, IngestService.Progress.NONE);
        List<LocalDate> sessions = forecasting.sessions("ABL");
        assertEquals(40, sessions.size());

        List<AblationPlan.Variant> variants = AblationPlan.variants(List.of());
        List<String> started = new ArrayList<>();
        List<AblationService.Row> rows = ablation.run(List.of("ABL"), sessions.get(0), sessions.get(29),
                sessions.get(30), sessions.get(39), variants, AblationServiceTest::tiny, new AblationService.Listener() {
                    @Override
                    public void variantStarted(int index, int total, AblationPlan.Variant v) {
                        started.add(v.name());
                    }
                });

        List<String> expected = List.of("default", "head=grid", "head=blend", "N=10", "N=20", "features=none",
                "features=gap", "features=gap,rolldown", "informer=on");
        assertEquals(expected, rows.stream().map(AblationService.Row::variant).toList(),
                "the default once, then each axis' other values");
        assertEquals(expected, started);
        for (AblationService.Row r : rows) {
            String what = r.variant() + ": " + r;
            assertTrue(Double.isFinite(r.rmseVolPoints()) && r.rmseVolPoints() > 0, what);
            assertTrue(Double.isFinite(r.vsCarryForward()) && r.vsCarryForward() > 0, what);
            assertTrue(Double.isFinite(r.vsBestBaseline()) && r.vsBestBaseline() > 0, what);
            assertTrue(Double.isFinite(r.dmStatistic()), what);
            assertTrue(r.dmPValue() >= 0 && r.dmPValue() <= 1, what);
            assertTrue(r.parameters() > 0 && r.trainSeconds() > 0, what);
            assertEquals(10, r.testPairs(), "the same test sessions for every N: " + what);
            assertEquals(1, r.epochsRun(), what);
        }
        AblationService.Row grid = rows.get(1);
        AblationService.Row blend = rows.get(2);
        assertTrue(blend.parameters() > rows.get(0).parameters() && blend.parameters() > grid.parameters(),
                "blend carries both heads");
        assertEquals(30 - 20, rows.get(4).trainPairs(), "N=20 loses the first 20 sessions as targets");
        String md = AblationService.markdown(rows);
        for (String v : expected) {
            assertTrue(md.contains("| " + v + " |"), v + " in\n" + md);
        }
        assertTrue(md.lines().noneMatch(l -> l.contains("NaN")), md);
    }

    @Test
    void aTestPeriodInsideTrainingIsRefused() {
        LocalDate d = LocalDate.of(2025, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> forecasting.trainAndEvaluate(List.of("ABL"), d.minusDays(30), d, d, d.plusDays(5), tiny(List.of()),
                        p -> { }));
        assertTrue(e.getMessage().contains("walk-forward"), e.getMessage());
    }

    @Test
    void axesAreCheckedByName() {
        assertEquals(List.of("default", "informer=off", "informer=on"),
                AblationPlan.variants(List.of("Informer")).stream().map(AblationPlan.Variant::name).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AblationPlan.variants(List.of("head", "depth")));
        assertTrue(e.getMessage().contains("'depth'") && e.getMessage().contains("informer"), e.getMessage());
    }
}
