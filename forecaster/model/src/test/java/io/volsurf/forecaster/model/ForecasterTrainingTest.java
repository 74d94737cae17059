package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.MeanReversionForecaster;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.eval.EvaluationReport;
import io.volsurf.forecaster.eval.ForecastEvaluator;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains a small model once on learnable synthetic dynamics; then checks learning, persistence and determinism. */
class ForecasterTrainingTest {

    private static final List<TrainingSample> TRAIN = new ArrayList<>();
    private static final List<TrainingSample> TEST = new ArrayList<>();
    private static final List<EpochProgress> PROGRESS = new ArrayList<>();
    private static TransformerForecaster model;

    static ForecasterConfig small(int epochs) {
        ForecasterConfig d = ForecasterConfig.defaults();
        return new ForecasterConfig(true, false, false, BlendPolicy.SVI, ResidualBase.STICKY_EXPIRY,
                d.lossWeights(), null, d.features(), 5, 16, 2, 1, 0.0, 3e-3, 1e-4, epochs, 6, 16, 0.1, 0.2, false,
                0.05, 0.5, 5, true, 11L);
    }

    @BeforeAll
    static void train() {
        SyntheticSeries series = new SyntheticSeries(0.5, 0.15);
        for (int i = 0; i < 2; i++) {
            List<TrainingSample> pairs = SyntheticSeries.pairs(series.surfaces("T" + i, 0.03 + 0.02 * i, 170, 20 + i), 5);
            int cut = (int) (0.75 * pairs.size());
            TRAIN.addAll(pairs.subList(0, cut));
            TEST.addAll(pairs.subList(cut, pairs.size()));
        }
        model = new ForecastTrainer(small(14)).train(TRAIN, PROGRESS::add);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void lossFallsAndProgressIsReported() {
        TrainingSummary s = model.summary();
        assertEquals(s.epochsRun(), PROGRESS.size());
        assertTrue(s.trainLoss().get(s.trainLoss().size() - 1) < 0.7 * s.trainLoss().get(0),
                "training loss " + s.trainLoss());
        assertTrue(s.bestValidationLoss() < 0.8 * s.initialValidationLoss(),
                "validation " + s.validationLoss() + " from " + s.initialValidationLoss());
        assertTrue(s.bestEpoch() > 0);
        assertTrue(s.trainTo().compareTo(s.validationFrom()) < 0, "walk-forward split: train before validation");
    }

    @Test
    void modelBeatsCarryForwardOnLearnableDynamics() {
        EvaluationReport r = new ForecastEvaluator().evaluate(TEST, model, List.of(new CarryForwardForecaster(),
                new StickyExpiryForecaster(), MeanReversionForecaster.fit(TRAIN)));
        double cf = r.baselines().get("carryForward").rmseVolPoints();
        assertTrue(r.model().rmseVolPoints() < 0.95 * cf, "model " + r.model().rmseVolPoints() + " vs cf " + cf
                + " sticky " + r.baselines().get("stickyExpiry").rmseVolPoints() + " drift "
                + r.baselines().get("drift").rmseVolPoints());
        assertTrue(r.dieboldMariano().statistic() < 0);
        assertEquals(0, r.arbitrage().after(), "the projector leaves no violation");
    }

    @Test
    void saveAndLoadGiveIdenticalForecasts(@TempDir Path dir) throws IOException {
        new ModelDirectory().save(model, dir);
        try (TransformerForecaster loaded = new ModelDirectory().load(dir)) {
            for (TrainingSample s : TEST.subList(0, 5)) {
                SurfaceForecast a = model.forecast(s.history());
                SurfaceForecast b = loaded.forecast(s.history());
                assertArrayEquals(a.totalVariance(), b.totalVariance(), 0.0);
            }
            assertEquals(model.config(), loaded.config());
            assertEquals(model.summary().bestEpoch(), loaded.summary().bestEpoch());
        }
    }

    @Test
    void aDamagedOrForeignModelFileIsRejected(@TempDir Path dir) throws IOException {
        new ModelDirectory().save(model, dir);
        Path params = dir.resolve(ModelDirectory.PARAMETERS);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(params, bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> new ModelDirectory().load(dir));
        assertTrue(e.getMessage().contains("parameters.bin") && e.getMessage().contains("SHA-256"), e.getMessage());

        Files.writeString(dir.resolve(ModelDirectory.MANIFEST), "{\"format\":\"volsurf-forecaster/1\"}");
        e = assertThrows(ModelLoadException.class, () -> new ModelDirectory().load(dir));
        assertTrue(e.getMessage().contains("retrain"), e.getMessage());

        Files.writeString(dir.resolve(ModelDirectory.MANIFEST), "{\"format\":\"something-else\"}");
        e = assertThrows(ModelLoadException.class, () -> new ModelDirectory().load(dir));
        assertTrue(e.getMessage().contains("format"), e.getMessage());

        Files.delete(dir.resolve(ModelDirectory.MANIFEST));
        e = assertThrows(ModelLoadException.class, () -> new ModelDirectory().load(dir));
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
    }

    /**
     * Bit-identical per-epoch losses and parameters, with both heads and dropout; the second run with collections
     * every few milliseconds, so that some fall between a batch's forward and its backward (memory autograd
     * kept must not be freed there: two runs would differ only when a collection happened to land in that window).
     */
    @Test
    void sameInputsAndConfigGiveTheSameMetricsAndParameters() throws InterruptedException {
        List<TrainingSample> few = TRAIN.subList(0, 60);
        ForecasterConfig s = small(4);
        ForecasterConfig both = new ForecasterConfig(true, true, false, BlendPolicy.BLEND, s.residualBase(),
                s.lossWeights(), null, s.features(), s.window(), s.dModel(), s.heads(), s.layers(), 0.1,
                s.learningRate(), s.weightDecay(), s.epochs(), s.epochs() + 1, 8, s.warmupFraction(),
                s.validationFraction(), true, s.blendFitRmseThreshold(), s.blendMinObservedFraction(),
                s.informerFactor(), s.project(), s.seed());
        try (TransformerForecaster a = new ForecastTrainer(both).train(few, TrainingProgressListener.none())) {
            java.util.concurrent.atomic.AtomicBoolean training = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread collector = new Thread(() -> {
                while (training.get()) {
                    System.gc();
                    try {
                        Thread.sleep(3);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            collector.setDaemon(true);
            collector.start();
            TransformerForecaster b;
            try {
                b = new ForecastTrainer(both).train(few, TrainingProgressListener.none());
            } finally {
                training.set(false);
                collector.join();
            }
            try (b) {
                assertEquals(a.summary().trainLoss(), b.summary().trainLoss());
                assertEquals(a.summary().validationLoss(), b.summary().validationLoss());
                assertArrayEquals(ForecastTrainer.snapshot(a.net()), ForecastTrainer.snapshot(b.net()),
                        "trained parameters");
            }
        }
    }

    @Test
    void configRoundTripsThroughJsonAndProperties() {
        ForecasterConfig c = small(3).withGridSpec(SyntheticSeries.SPEC);
        assertEquals(c, ForecasterConfig.fromJson(c.toJson()));
        java.util.Properties p = new java.util.Properties();
        p.setProperty("use_grid_head", "true");
        p.setProperty("blend", "blend");
        p.setProperty("N", "10");
        p.setProperty("loss_weights.noarb", "0.5");
        p.setProperty("features", "gap,event");
        ForecasterConfig fromProps = ForecasterConfig.fromProperties(p);
        assertTrue(fromProps.useGridHead());
        assertEquals(BlendPolicy.BLEND, fromProps.blend());
        assertEquals(10, fromProps.window());
        assertEquals(0.5, fromProps.lossWeights().noarb());
        assertEquals(List.of("gap", "event"), fromProps.features());
        p.setProperty("use_svi_hed", "true");
        var e = assertThrows(IllegalArgumentException.class, () -> ForecasterConfig.fromProperties(p));
        assertTrue(e.getMessage().contains("use_svi_hed"));
    }
}
