package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.BusinessTimeStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default training path: business-time sticky-expiry as the residual base (theta chosen on the training pairs),
 * the network's correction shrunk per tenor by factors chosen on time-ordered validation folds of the training range.
 */
class NoHarmTrainingTest {

    private static List<TrainingSample> pairs(List<TrainingSample> test) {
        SyntheticSeries series = new SyntheticSeries(0.5, 0.15);
        List<TrainingSample> train = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<TrainingSample> p = SyntheticSeries.pairs(series.surfaces("T" + i, 0.03 + 0.02 * i, 120, 20 + i), 5);
            int cut = (int) (0.8 * p.size());
            train.addAll(p.subList(0, cut));
            test.addAll(p.subList(cut, p.size()));
        }
        return train;
    }

    private static ForecasterConfig config(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("d_model", "16");
        p.setProperty("heads", "2");
        p.setProperty("layers", "1");
        p.setProperty("dropout", "0");
        p.setProperty("lr", "3e-3");
        p.setProperty("epochs", "5");
        p.setProperty("patience", "3");
        p.setProperty("seed", "11");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return ForecasterConfig.fromProperties(p);
    }

    @Test
    void theDefaultsChooseTheBaseAndUseFolds() {
        ForecasterConfig d = ForecasterConfig.defaults();
        assertEquals(ResidualBase.AUTO, d.residualBase());
        assertEquals(ForecasterConfig.DEFAULT_FOLDS, d.folds());
        assertEquals(null, d.businessTimeTheta());
        assertEquals(null, d.tenorShrink());
    }

    /**
     * Fails before folds existed: the folds' blocks are the latest sessions of the training range, in time order; the
     * chosen factors lie in [0, 1] and the shrunk correction is never worse than the base on the blocks, tenor by
     * tenor; the final model carries theta and the factors in its config, through a save and a load.
     */
    @Test
    void foldsChooseTheShrinkPerTenorAndTheModelKeepsIt(@TempDir Path dir) {
        List<TrainingSample> test = new ArrayList<>();
        List<TrainingSample> train = pairs(test);
        try (TransformerForecaster model = new ForecastTrainer(config("residual_base", "business_time_sticky_expiry"))
                .train(train, TrainingProgressListener.none())) {
            TrainingSummary.FoldReport folds = model.summary().folds();
            assertNotNull(folds, "the default trains with validation folds");
            assertTrue(folds.residualBaseRmse().isEmpty(), "a given base is not chosen");
            assertEquals(3, folds.validationFrom().size());
            for (int f = 1; f < 3; f++) {
                assertTrue(folds.validationFrom().get(f).compareTo(folds.validationTo().get(f - 1)) > 0,
                        "fold blocks in time order: " + folds.validationFrom() + " " + folds.validationTo());
            }
            assertTrue(folds.validationTo().get(2).compareTo(model.summary().trainTo()) <= 0);
            List<Double> shrink = model.config().tenorShrink();
            assertEquals(3, shrink.size());
            for (int m = 0; m < 3; m++) {
                assertTrue(shrink.get(m) >= 0 && shrink.get(m) <= 1, "shrink " + shrink);
                assertTrue(folds.shrunkRmseByTenor().get(m) <= folds.baseRmseByTenor().get(m) + 1e-12,
                        "tenor " + m + ": shrunk " + folds.shrunkRmseByTenor() + " base " + folds.baseRmseByTenor());
                assertTrue(folds.shrunkRmseByTenor().get(m) <= folds.networkRmseByTenor().get(m) + 1e-12);
            }
            List<Integer> sorted = new ArrayList<>(folds.bestEpochs());
            sorted.sort(null);
            assertEquals(sorted.get(1), folds.epochs(), "the final model trains for the median best epoch");
            boolean base = shrink.stream().allMatch(v -> v == 0.0);
            assertEquals(base ? 0 : folds.epochs(), model.summary().epochsRun(), "no training when nothing is kept");
            assertNotNull(model.config().businessTimeTheta(), "theta chosen on the training pairs");
            assertEquals(BusinessTimeStickyExpiryForecaster.fit(train).theta(), model.config().businessTimeTheta());

            new ModelDirectory().save(model, dir);
            try (TransformerForecaster loaded = new ModelDirectory().load(dir)) {
                assertEquals(model.config(), loaded.config());
                assertEquals(folds, loaded.summary().folds());
                for (TrainingSample p : test.subList(0, 5)) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(model.forecast(p.history()).totalVariance(),
                            loaded.forecast(p.history()).totalVariance(), 0.0);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A tenor whose factor is 0 forecasts the residual base itself, whatever the network learnt: here every tenor,
     * after a training run that did move the network, and the forecast is business-time sticky-expiry cell by cell
     * (projector off, so nothing else touches the cells). Fails on the code before the shrink existed.
     */
    @Test
    void aCorrectionShrunkToZeroIsTheBusinessTimeBase() {
        List<TrainingSample> test = new ArrayList<>();
        List<TrainingSample> train = pairs(test);
        try (TransformerForecaster model = new ForecastTrainer(config("tenor_shrink", "0,0,0", "project", "false",
                "business_time_theta", "0.2", "residual_base", "business_time_sticky_expiry")).train(train, TrainingProgressListener.none())) {
            assertEquals(null, model.summary().folds(), "given factors: no folds");
            BusinessTimeStickyExpiryForecaster base = new BusinessTimeStickyExpiryForecaster(0.2);
            for (TrainingSample p : test) {
                SurfaceForecast f = model.forecast(p.history());
                double[] expected = base.forecast(p.history()).totalVariance();
                for (int c = 0; c < expected.length; c++) {
                    assertEquals(expected[c], f.totalVariance()[c], 1e-6 * expected[c], "cell " + c);
                }
            }
        }
    }

    /**
     * The factor must gain in every fold, not on the pooled blocks: a correction that gains a lot in two folds and
     * loses in the third is dropped (the pooled rule kept it at 1), and among factors that gain everywhere the one
     * whose worst fold gains most is kept.
     */
    @Test
    void aShrinkFactorIsKeptOnlyWhereItGainsInEveryFold() {
        // one tenor, factors 0, 0.5, 1: pooled errors 30, 22, 20 (1 is best pooled) but fold 2 loses with 1
        double[][][] lossesInOneFold = {{{10, 5, 2}}, {{10, 6, 5}}, {{10, 11, 13}}};
        assertEquals(0, ForecastTrainer.maximinShrink(lossesInOneFold, 0));
        // every fold gains with 0.5, fold 2 loses with 1: 0.5
        double[][][] halfway = {{{10, 5, 2}}, {{10, 6, 5}}, {{10, 9, 13}}};
        assertEquals(1, ForecastTrainer.maximinShrink(halfway, 0));
        // 1 gains in every fold and most in the worst one: 1
        double[][][] everywhere = {{{10, 8, 6}}, {{10, 9, 7}}, {{10, 9, 8}}};
        assertEquals(2, ForecastTrainer.maximinShrink(everywhere, 0));
    }

    /**
     * With a learning rate too small to move anything, every fold keeps its untrained model: no fold found a
     * correction, so every factor is 0, nothing more is trained, and the model is its base cell by cell (projector
     * off). Before folds at epoch 0 counted as no correction, the SVI row fit of the base was read as a gain.
     */
    @Test
    void whenEveryFoldKeepsItsUntrainedModelTheModelIsTheBase() {
        List<TrainingSample> test = new ArrayList<>();
        List<TrainingSample> train = pairs(test);
        try (TransformerForecaster model = new ForecastTrainer(config("lr", "1e-12", "project", "false",
                "residual_base", "business_time_sticky_expiry"))
                .train(train, TrainingProgressListener.none())) {
            TrainingSummary.FoldReport folds = model.summary().folds();
            assertEquals(List.of(0, 0, 0), folds.bestEpochs());
            assertEquals(List.of(0.0, 0.0, 0.0), model.config().tenorShrink());
            assertEquals(0, model.summary().epochsRun());
            BusinessTimeStickyExpiryForecaster base =
                    new BusinessTimeStickyExpiryForecaster(model.config().businessTimeTheta());
            for (TrainingSample p : test) {
                double[] expected = base.forecast(p.history()).totalVariance();
                double[] got = model.forecast(p.history()).totalVariance();
                for (int c = 0; c < expected.length; c++) {
                    assertEquals(expected[c], got[c], 1e-6 * expected[c], "cell " + c);
                }
            }
        }
    }

    /**
     * With every factor 0 and the projection on (the default), the forecast is the base cell by cell wherever the base
     * is arbitrage-free: the projection leaves it as it is, no SVI row fit is paid. The forecast carries no smiles, so
     * its readers interpolate the cells and read the cells' values at the cells. Fails with the projector that
     * returned repaired SVI smiles' values.
     */
    @Test
    void withEveryFactorZeroTheProjectedForecastIsTheArbitrageFreeBaseBitForBit() {
        List<TrainingSample> test = new ArrayList<>();
        List<TrainingSample> train = pairs(test);
        try (TransformerForecaster model = new ForecastTrainer(config("tenor_shrink", "0,0,0",
                "business_time_theta", "0.2", "residual_base", "business_time_sticky_expiry"))
                .train(train, TrainingProgressListener.none())) {
            io.volsurf.forecaster.projector.CellNoArbitrageProjector check =
                    new io.volsurf.forecaster.projector.CellNoArbitrageProjector();
            int free = 0;
            for (TrainingSample p : test) {
                EncodedSample e = model.encode(p.history());
                float[] base = e.inputs()[ModelInputs.BASE];
                double[] baseCells = new double[base.length];
                for (int c = 0; c < base.length; c++) {
                    baseCells[c] = base[c];
                }
                SurfaceForecast f = model.forecast(p.history());
                double[] t = {f.spec().tenorYears(0), f.spec().tenorYears(1), f.spec().tenorYears(2)};
                assertTrue(check.arbitrageFree(t, f.logMoneyness(), f.totalVariance()), "projected: no arbitrage");
                assertTrue(f.tenorSvi().isEmpty(), "the cells are the forecast");
                for (int c = 0; c < base.length; c++) {
                    double tm = f.spec().tenorYears(c / f.spec().knotCount());
                    assertEquals(f.impliedVol(c), f.impliedVol(tm, f.logMoneyness()[c]), 1e-15,
                            "the reader's rule at a cell is the cell");
                }
                if (check.arbitrageFree(t, e.kCells(), baseCells)) {
                    free++;
                    assertArrayEquals(baseCells, f.totalVariance(), 0.0);
                    assertEquals(0, f.projection().violationsBefore());
                }
            }
            assertTrue(free > test.size() / 2, free + " of " + test.size() + " bases arbitrage-free");
        }
    }

    /**
     * The event-variance base with every factor 0 is the event-variance baseline at the saved theta, cell for cell
     * wherever that baseline's surface is arbitrage-free (the projection leaves it alone), and the theta is saved.
     */
    @Test
    void withEveryFactorZeroTheEventVarianceBaseIsTheEventVarianceBaseline() {
        List<TrainingSample> test = new ArrayList<>();
        List<TrainingSample> train = pairs(test);
        try (TransformerForecaster model = new ForecastTrainer(config("tenor_shrink", "0,0,0",
                "business_time_theta", "0.2", "residual_base", "event_variance_sticky_expiry"))
                .train(train, TrainingProgressListener.none())) {
            assertEquals(ResidualBase.EVENT_VARIANCE_STICKY_EXPIRY, model.config().residualBase());
            assertEquals(0.2, model.config().businessTimeTheta());
            ForecasterConfig back = ForecasterConfig.fromJson(model.config().toJson());
            assertEquals(ResidualBase.EVENT_VARIANCE_STICKY_EXPIRY, back.residualBase(), "config.json round trip");
            io.volsurf.forecaster.baseline.EventVarianceStickyExpiryForecaster baseline =
                    new io.volsurf.forecaster.baseline.EventVarianceStickyExpiryForecaster(0.2);
            io.volsurf.forecaster.projector.CellNoArbitrageProjector check =
                    new io.volsurf.forecaster.projector.CellNoArbitrageProjector();
            int free = 0;
            for (TrainingSample p : test) {
                SurfaceForecast expected = baseline.forecast(p.history());
                SurfaceForecast f = model.forecast(p.history());
                double[] t = {f.spec().tenorYears(0), f.spec().tenorYears(1), f.spec().tenorYears(2)};
                double[] w = new double[expected.totalVariance().length];
                for (int c = 0; c < w.length; c++) {
                    w[c] = (float) expected.totalVariance()[c]; // the encoder hands the base over in float
                }
                if (check.arbitrageFree(t, f.logMoneyness(), w)) {
                    free++;
                    assertArrayEquals(w, f.totalVariance(), 0.0);
                }
            }
            assertTrue(free > test.size() / 2, free + " of " + test.size() + " bases arbitrage-free");
        }
    }

    /**
     * The default base is chosen on the folds' pairs among carry-forward, sticky-expiry and business-time
     * sticky-expiry: the one with the lowest RMSE through the projection, recorded in the config (and so in
     * config.json) with every candidate's RMSE in the fold report; a base given with {@code residual_base} is kept.
     */
    @Test
    void theResidualBaseIsChosenOnTheFoldsUnlessGiven() {
        List<TrainingSample> test = new ArrayList<>();
        List<TrainingSample> train = pairs(test);
        try (TransformerForecaster model = new ForecastTrainer(config("lr", "1e-12"))
                .train(train, TrainingProgressListener.none())) {
            java.util.Map<String, Double> rmse = model.summary().folds().residualBaseRmse();
            assertEquals(List.of("carry_forward", "sticky_expiry", "business_time_sticky_expiry",
                    "event_variance_sticky_expiry"),
                    new ArrayList<>(rmse.keySet()));
            String lowest = rmse.entrySet().stream().min(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertEquals(lowest, model.config().residualBase().name().toLowerCase(java.util.Locale.ROOT));
            assertTrue(model.config().toJson().contains("\"residualBase\" : \"" + model.config().residualBase().name()),
                    "config.json names the chosen base");
            // the business-time candidate is scored with the theta chosen on the training pairs
            double theta = BusinessTimeStickyExpiryForecaster.fit(train).theta();
            assertEquals(ForecastTrainer.residualBaseRmse(foldPairs(train, model), theta), rmseByBase(rmse));
        }
        try (TransformerForecaster model = new ForecastTrainer(config("lr", "1e-12", "residual_base", "carry_forward"))
                .train(train, TrainingProgressListener.none())) {
            assertEquals(ResidualBase.CARRY_FORWARD, model.config().residualBase());
            assertTrue(model.summary().folds().residualBaseRmse().isEmpty());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SampleEncoder(config(), null, null, null));
        assertTrue(e.getMessage().contains("residual_base=auto"), e.getMessage());
    }

    private static List<TrainingSample> foldPairs(List<TrainingSample> train, TransformerForecaster model) {
        java.time.LocalDate first = java.time.LocalDate.parse(model.summary().folds().validationFrom().get(0));
        return train.stream().filter(p -> !p.target().session().isBefore(first))
                .sorted(java.util.Comparator.comparing((TrainingSample p) -> p.target().session())
                        .thenComparing(p -> p.target().ticker()))
                .toList();
    }

    private static java.util.Map<ResidualBase, Double> rmseByBase(java.util.Map<String, Double> named) {
        java.util.Map<ResidualBase, Double> out = new java.util.LinkedHashMap<>();
        named.forEach((k, v) -> out.put(ResidualBase.valueOf(k.toUpperCase(java.util.Locale.ROOT)), v));
        return out;
    }

    @Test
    void shrinkFactorsAndThetaOutsideTheUnitIntervalAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("tenor_shrink", "0.5,1.5"));
        assertTrue(e.getMessage().contains("tenor_shrink"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("business_time_theta", "2"));
        assertTrue(e.getMessage().contains("business_time_theta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("folds", "-1"));
        assertTrue(e.getMessage().contains("folds"), e.getMessage());
        List<TrainingSample> test = new ArrayList<>();
        List<TrainingSample> train = pairs(test);
        e = assertThrows(IllegalArgumentException.class,
                () -> new ForecastTrainer(config("tenor_shrink", "1,1")).train(train, TrainingProgressListener.none()));
        assertTrue(e.getMessage().contains("tenor_shrink: 2 factors"), e.getMessage());
    }
}
