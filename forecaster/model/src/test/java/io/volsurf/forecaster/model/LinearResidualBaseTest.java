package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.LinearForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.eval.ForecastEvaluator;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code residual_base=linear}: the network corrects the ridge baseline's forecast. The ridge is fitted on the
 * training pairs only, saved with the model and reloaded exactly; an untrained (zero) correction is the ridge
 * forecast itself; early stopping on {@code vol_rmse} scores what {@code evaluate} reports.
 */
class LinearResidualBaseTest {

    private static final List<TrainingSample> TRAIN = new ArrayList<>();
    private static final List<TrainingSample> TEST = new ArrayList<>();
    private static TransformerForecaster model;

    static ForecasterConfig config(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("residual_base", "linear");
        p.setProperty("d_model", "16");
        p.setProperty("heads", "2");
        p.setProperty("layers", "1");
        p.setProperty("dropout", "0");
        p.setProperty("lr", "3e-3");
        p.setProperty("epochs", "3");
        p.setProperty("seed", "7");
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            p.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return ForecasterConfig.fromProperties(p);
    }

    @BeforeAll
    static void train() {
        SyntheticSeries series = new SyntheticSeries(0.5, 0.15);
        for (int i = 0; i < 2; i++) {
            List<TrainingSample> pairs = SyntheticSeries.pairs(series.surfaces("L" + i, 0.03 + 0.02 * i, 120, 40 + i),
                    5);
            int cut = (int) (0.75 * pairs.size());
            TRAIN.addAll(pairs.subList(0, cut));
            TEST.addAll(pairs.subList(cut, pairs.size()));
        }
        model = new ForecastTrainer(config("early_stopping=vol_rmse", "vol_point_loss=true",
                "loss_weights.correction=0.1")).train(TRAIN, TrainingProgressListener.none());
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void anUntrainedCorrectionForecastsTheLinearBase() {
        LinearForecaster linear = LinearForecaster.fit(TRAIN, 1.0);
        List<CanonicalSurface> surfaces = new ArrayList<>();
        TRAIN.forEach(s -> surfaces.add(s.target()));
        NormalizationStats stats = NormalizationStats.fit(surfaces);
        // grid head, no projection: the output is base + 0 * scale, the ridge forecast to float precision
        ForecasterConfig grid = config("use_svi_head=false", "use_grid_head=true", "blend=grid", "project=false")
                .withGridSpec(SyntheticSeries.SPEC);
        try (TransformerForecaster untrained = untrained(grid, stats, linear)) {
            for (TrainingSample s : TEST.subList(0, 10)) {
                double[] expected = linear.forecast(s.history()).totalVariance();
                double[] actual = untrained.forecast(s.history()).totalVariance();
                for (int c = 0; c < expected.length; c++) {
                    assertEquals(expected[c], actual[c], 1e-6 * expected[c], "cell " + c);
                }
            }
            // and the correction shrinkage term is zero there
            EncodedSample e = new SampleEncoder(grid, stats, null, linear).encode(TEST.get(0).history(),
                    TEST.get(0).target());
            try (NDManager m = untrained.djlModel().getNDManager().newSubManager()) {
                NDList in = EncodedBatch.inputs(m, List.of(e), untrained.net().inputShapes());
                NDList out = untrained.net().forward(new ParameterStore(m, false), in, false);
                assertEquals(0f, new ForecastLoss(grid).correctionTerm(out, in).getFloat(), 1e-10f);
            }
        }
        // the default SVI head with the projector: the SVI fit of the ridge forecast, within a small fraction of a
        // vol point of it on these SVI-shaped surfaces
        ForecasterConfig svi = config().withGridSpec(SyntheticSeries.SPEC);
        try (TransformerForecaster untrained = untrained(svi, stats, linear)) {
            for (TrainingSample s : TEST.subList(0, 10)) {
                SurfaceForecast base = linear.forecast(s.history());
                SurfaceForecast f = untrained.forecast(s.history());
                for (int c = 0; c < base.totalVariance().length; c++) {
                    assertEquals(base.impliedVol(c), f.impliedVol(c), 0.001, "cell " + c + " (vol)");
                }
            }
        }
    }

    private static TransformerForecaster untrained(ForecasterConfig cfg, NormalizationStats stats,
            LinearForecaster linear) {
        SampleEncoder encoder = new SampleEncoder(cfg, stats, null, linear);
        Model m = Model.newInstance("untrained", Device.cpu(), "PyTorch");
        SurfaceForecastNet net = new SurfaceForecastNet(cfg, SyntheticSeries.SPEC.tenorCount(),
                SyntheticSeries.SPEC.knotCount(), encoder.featureCount());
        m.setBlock(net);
        net.initialize(m.getNDManager(), DataType.FLOAT32, net.inputShapes());
        net.zeroHeadOutputs();
        return new TransformerForecaster(m, net, cfg, stats, null, linear);
    }

    @Test
    void theRidgePenaltyIsChosenOnValidationThenRefittedOnTheTrainingRange() {
        TrainingSummary s = model.summary();
        LocalDate firstValidation = LocalDate.parse(s.validationFrom());
        List<TrainingSample> before = TRAIN.stream().filter(p -> p.target().session().isBefore(firstValidation))
                .toList();
        List<TrainingSample> validation = TRAIN.stream()
                .filter(p -> !p.target().session().isBefore(firstValidation)).toList();
        assertEquals(s.trainSamples(), before.size());
        // the penalty: lowest validation RMSE of ridges fitted before the validation sessions
        double bestRmse = Double.POSITIVE_INFINITY;
        double bestLambda = Double.NaN;
        for (double lambda : ForecasterConfig.DEFAULT_LINEAR_LAMBDAS) {
            double rmse = new ForecastEvaluator().evaluate(validation, LinearForecaster.fit(before, lambda), List.of())
                    .model().rmseVolPoints();
            if (rmse < bestRmse) {
                bestRmse = rmse;
                bestLambda = lambda;
            }
        }
        assertNotNull(model.linearBase());
        assertEquals(bestLambda, model.linearBase().lambda());
        assertEquals(bestLambda, ForecastTrainer.chooseRidge(before, validation,
                ForecasterConfig.DEFAULT_LINEAR_LAMBDAS).lambda());
        // then refitted on every pair of the training range (and nothing else)
        double[][] expected = LinearForecaster.fit(TRAIN, bestLambda).betaByTenor();
        double[][] got = model.linearBase().betaByTenor();
        for (int m = 0; m < got.length; m++) {
            // the trainer sorts the pairs by session: the same sums in another order
            assertArrayEquals(expected[m], got[m], 1e-12 * (1 + java.util.Arrays.stream(expected[m])
                    .map(Math::abs).max().orElse(0)), "tenor " + m);
        }
    }

    @Test
    void theRidgeIsSavedAndReloadedWithIdenticalForecasts(@TempDir Path dir) throws IOException {
        new ModelDirectory().save(model, dir);
        assertTrue(Files.isRegularFile(dir.resolve(ModelDirectory.LINEAR)));
        assertTrue(Files.readString(dir.resolve(ModelDirectory.MANIFEST)).contains(ModelDirectory.LINEAR));
        try (TransformerForecaster loaded = new ModelDirectory().load(dir)) {
            assertArrayEquals(model.linearBase().betaByTenor(), loaded.linearBase().betaByTenor());
            for (TrainingSample s : TEST.subList(0, 8)) {
                assertArrayEquals(model.linearBase().forecast(s.history()).totalVariance(),
                        loaded.linearBase().forecast(s.history()).totalVariance(), 0.0);
                assertArrayEquals(model.forecast(s.history()).totalVariance(),
                        loaded.forecast(s.history()).totalVariance(), 0.0);
            }
            assertEquals(model.config(), loaded.config());
        }
        Path linear = dir.resolve(ModelDirectory.LINEAR);
        Files.writeString(linear, Files.readString(linear).replaceFirst("\\d", "9"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> new ModelDirectory().load(dir));
        assertTrue(e.getMessage().contains("linear.json") && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void aLinearModelWithoutItsRidgeFileIsRejected(@TempDir Path dir) throws IOException {
        new ModelDirectory().save(model, dir);
        Path manifest = dir.resolve(ModelDirectory.MANIFEST);
        String json = Files.readString(manifest).replaceAll(",\\s*\"linear\\.json\"\\s*:\\s*\"[0-9a-f]+\"", "");
        Files.writeString(manifest, json);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> new ModelDirectory().load(dir));
        assertTrue(e.getMessage().contains("linear.json"), e.getMessage());
    }

    @Test
    void volRmseEarlyStoppingScoresWhatEvaluateReports() {
        TrainingSummary s = model.summary();
        LocalDate firstValidation = LocalDate.parse(s.validationFrom());
        List<TrainingSample> validation = TRAIN.stream()
                .filter(p -> !p.target().session().isBefore(firstValidation)).toList();
        List<TrainingSample> before = TRAIN.stream().filter(p -> p.target().session().isBefore(firstValidation))
                .toList();
        // the network as trained, on the ridge it was selected with (the kept model's ridge is refitted afterwards);
        // the view shares the model's network, so it is not closed here
        TransformerForecaster asSelected = new TransformerForecaster(model.djlModel(), model.net(), model.config(),
                model.stats(), null, ForecastTrainer.chooseRidge(before, validation, model.config().linearLambdas()));
        double reported = new ForecastEvaluator().evaluate(validation, asSelected,
                List.of(new CarryForwardForecaster())).model().rmseVolPoints();
        // evaluate forecasts through FusedInference, the trainer's view through the network's own forward: the same
        // maths in another float32 rounding (2e-8 here)
        assertEquals(reported, s.bestValidationLoss(), 1e-6);
        assertTrue(s.bestValidationLoss() <= s.initialValidationLoss());
        assertEquals(s.bestEpoch() == 0 ? s.initialValidationLoss()
                : s.validationLoss().get(s.bestEpoch() - 1), s.bestValidationLoss(), 0.0);
    }

    @Test
    void volPointDataTermIsTheSquaredVolError() {
        ForecasterConfig cfg = config("vol_point_loss=true").withGridSpec(SyntheticSeries.SPEC);
        try (NDManager m = NDManager.newBaseManager()) {
            int cells = 2;
            NDList in = new NDList(ModelInputs.COUNT);
            for (int i = 0; i < ModelInputs.COUNT; i++) {
                in.add(m.zeros(new Shape(1, 1)));
            }
            in.set(ModelInputs.COORDS, m.create(new float[] {0.25f, 0f, 1f, 0f}, new Shape(1, cells, 2)));
            in.set(ModelInputs.SCALE, m.create(new float[] {1f, 1f}, new Shape(1, cells)));
            NDList out = new NDList(m.create(new float[] {0.25f * 0.04f, 0.09f}, new Shape(1, cells)));
            NDList labels = new NDList(m.create(new float[] {0.25f * 0.0625f, 0.04f}, new Shape(1, cells)),
                    m.create(new float[] {1f, 0f}, new Shape(1, cells)));
            // cell 0: forecast 20 vol points, realised 25; cell 1 is masked
            assertEquals(25.0, new ForecastLoss(cfg).dataTerm(out, in, labels).getFloat(), 1e-3);
        }
    }

    @Test
    void newKeysParseAndOldConfigsLoadWithTheirDefaults() {
        ForecasterConfig c = config("linear_lambda=2.5", "vol_point_loss=true", "early_stopping=vol_rmse",
                "loss_weights.correction=0.3");
        assertEquals(ResidualBase.LINEAR, c.residualBase());
        assertEquals(List.of(2.5), c.linearLambdas());
        assertTrue(c.linearRefit());
        assertEquals(List.of(1.0, 100.0), config("linear_lambda=1, 100", "linear_refit=false").linearLambdas());
        assertTrue(!config("linear_refit=false").linearRefit());
        assertTrue(c.volPointLoss());
        assertEquals(EarlyStopping.VOL_RMSE, c.earlyStopping());
        assertEquals(0.3, c.lossWeights().correction());
        ForecasterConfig withSpec = c.withGridSpec(SyntheticSeries.SPEC);
        assertEquals(withSpec, ForecasterConfig.fromJson(withSpec.toJson()));
        // a config.json written before these keys existed
        String old = ForecasterConfig.defaults().withGridSpec(SyntheticSeries.SPEC).toJson()
                .replaceAll(",\\s*\"linearLambdas\"\\s*:\\s*\\[[^]]*]", "")
                .replaceAll(",\\s*\"linearRefit\"\\s*:\\s*true", "")
                .replaceAll(",\\s*\"volPointLoss\"\\s*:\\s*false", "")
                .replaceAll(",\\s*\"earlyStopping\"\\s*:\\s*\"DATA_LOSS\"", "")
                .replaceAll(",\\s*\"correction\"\\s*:\\s*[0-9.]+", "");
        assertTrue(!old.contains("linearLambda") && !old.contains("linearRefit") && !old.contains("earlyStopping")
                && !old.contains("correction"), old);
        assertEquals(ForecasterConfig.defaults().withGridSpec(SyntheticSeries.SPEC), ForecasterConfig.fromJson(old));
        assertThrows(IllegalArgumentException.class, () -> config("linear_lambda=-1"));
        assertThrows(IllegalArgumentException.class, () -> config("linear_lambda=a"));
    }

    @Test
    void theLinearBaseNeedsItsRidge() {
        ForecasterConfig cfg = config().withGridSpec(SyntheticSeries.SPEC);
        var e = assertThrows(IllegalArgumentException.class, () -> new SampleEncoder(cfg,
                NormalizationStats.fit(List.of(TRAIN.get(0).target())), null));
        assertTrue(e.getMessage().contains("residual_base=linear"), e.getMessage());
    }
}
