package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forecast as its three steps, with autograd off only inside the network step. */
class InferenceStepsTest {

    @Test
    void theStepsMakeTheForecastAndLeaveTheThreadsGradModeAsItWas() {
        List<TrainingSample> pairs = SyntheticSeries.pairs(new SyntheticSeries(0.5, 0.15).surfaces("S", 0.04, 40, 3L),
                5);
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads the native library before any JniUtils call
        boolean initial = JniUtils.isGradMode(); // DJL keeps it off outside gradient collectors; other tests rely on it
        try (TransformerForecaster model = new ForecastTrainer(ForecasterTrainingTest.small(2)).train(pairs,
                TrainingProgressListener.none())) {
            TrainingSample p = pairs.get(pairs.size() - 1);
            for (boolean before : new boolean[] {true, false}) {
                JniUtils.setGradMode(before);
                EncodedSample e = model.encode(p.history());
                TransformerForecaster.NetworkOutput out = model.predict(e);
                assertTrue(JniUtils.isGradMode() == before, "grad mode restored to " + before);
                // the fused pass on trained parameters: the network's forward to float rounding
                TransformerForecaster.NetworkOutput network = model.predictWithNetwork(e);
                assertTrue(JniUtils.isGradMode() == before, "grad mode restored to " + before);
                for (int c = 0; c < out.totalVariance().length; c++) {
                    float w = network.totalVariance()[c];
                    assertEquals(w, out.totalVariance()[c], 1e-6 * Math.abs(w), "cell " + c);
                }
                for (int i = 0; i < out.svi().length; i++) {
                    assertEquals(network.svi()[i], out.svi()[i], 1e-6 * (1 + Math.abs(network.svi()[i])), "svi " + i);
                }
                SurfaceForecast steps = model.finish(p.history(), e, out);
                SurfaceForecast whole = model.forecast(p.history());
                assertArrayEquals(whole.totalVariance(), steps.totalVariance(), 0.0);
                for (double w : whole.totalVariance()) {
                    assertTrue(Double.isFinite(w) && w >= 0, "total variance " + w);
                }
            }
        } finally {
            JniUtils.setGradMode(initial);
        }
    }
}
