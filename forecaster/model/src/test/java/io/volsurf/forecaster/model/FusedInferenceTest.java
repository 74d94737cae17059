package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused inference pass against the network's own forward pass, on random (not zeroed) parameters. */
class FusedInferenceTest {

    private static ForecasterConfig config(boolean sviHead, boolean gridHead, boolean informer, int dModel, int heads,
            int layers) {
        ForecasterConfig d = ForecasterConfig.defaults();
        BlendPolicy blend = sviHead && gridHead ? BlendPolicy.BLEND : sviHead ? BlendPolicy.SVI : BlendPolicy.GRID;
        return new ForecasterConfig(sviHead, gridHead, informer, blend, ResidualBase.STICKY_EXPIRY, d.lossWeights(),
                SyntheticSeries.SPEC, d.features(), 5, dModel, heads, layers, 0.1, 1e-3, 1e-4, 2, 2, 8, 0.1, 0.2,
                false, 0.05, 0.5, 1, true, 3L);
    }

    @Test
    void fusedPassEqualsTheNetworkForEveryHeadAndAttentionChoice() {
        List<CanonicalSurface> s = new SyntheticSeries(0.5, 0.15).surfaces("AAA", 0.04, 12, 5);
        List<ForecasterConfig> configs = List.of(config(true, false, false, 32, 4, 2),
                config(true, true, false, 16, 2, 2), config(false, true, false, 8, 2, 1),
                config(true, true, true, 16, 4, 2));
        for (ForecasterConfig cfg : configs) {
            NormalizationStats stats = NormalizationStats.fit(s);
            SampleEncoder encoder = new SampleEncoder(cfg, stats, null);
            Model model = Model.newInstance("fused-test", Device.cpu(), "PyTorch");
            SurfaceForecastNet net = new SurfaceForecastNet(cfg, 3, 5, encoder.featureCount());
            model.setBlock(net);
            NDManager m = model.getNDManager();
            net.initialize(m, DataType.FLOAT32, net.inputShapes());
            perturb(net, m);
            try (TransformerForecaster f = new TransformerForecaster(model, net, cfg, stats, null)) {
                for (int end = 5; end <= s.size(); end++) {
                    EncodedSample e = encoder.encode(SurfaceHistory.of(s.subList(end - 5, end), 1 + end % 3), null);
                    TransformerForecaster.NetworkOutput fused = f.predict(e);
                    TransformerForecaster.NetworkOutput reference = f.predictWithNetwork(e);
                    String what = cfg.useSviHead() + "/" + cfg.useGridHead() + "/" + cfg.informerMode() + " " + end;
                    assertClose(reference.totalVariance(), fused.totalVariance(), "w " + what);
                    assertClose(reference.svi(), fused.svi(), "svi " + what);
                }
            }
        }
    }

    @Test
    void aCellMaskedInTheWholeWindowStillMatches() {
        // its temporal attention row has every key masked: uniform weights, in both passes
        List<CanonicalSurface> s = new SyntheticSeries(0.5, 0.15).surfaces("BBB", 0.04, 5, 9);
        ForecasterConfig cfg = config(true, true, false, 16, 4, 2);
        NormalizationStats stats = NormalizationStats.fit(s);
        SampleEncoder encoder = new SampleEncoder(cfg, stats, null);
        EncodedSample e = encoder.encode(SurfaceHistory.of(s, 1), null);
        float[][] inputs = e.inputs().clone();
        float[] mask = inputs[ModelInputs.MASK].clone();
        for (int n = 0; n < 5; n++) {
            mask[n * 15 + 7] = 0;
        }
        inputs[ModelInputs.MASK] = mask;
        EncodedSample masked = new EncodedSample(e.ticker(), e.forecastFor(), inputs, null, null, null, null, null,
                null, e.kCells(), e.startSmiles(), e.gridRows());
        Model model = Model.newInstance("fused-test", Device.cpu(), "PyTorch");
        SurfaceForecastNet net = new SurfaceForecastNet(cfg, 3, 5, encoder.featureCount());
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, net.inputShapes());
        perturb(net, model.getNDManager());
        try (TransformerForecaster f = new TransformerForecaster(model, net, cfg, stats, null)) {
            assertClose(f.predictWithNetwork(masked).totalVariance(), f.predict(masked).totalVariance(), "w");
        }
    }

    @Test
    void javaGeluIsTheExactOneAndMatchesPytorchToItsFloatError() {
        // PyTorch's float32 erf is off by up to ~2.5e-7 |x| in the tails (e.g. gelu(-3.27)); the Java one is exact
        // {a, erf(a)}: gelu(a sqrt 2) = a sqrt 2 (1 + erf(a)) / 2
        double[][] erf = {{0.5, 0.5204998778130465}, {1, 0.8427007929497149}, {2, 0.9953222650189527},
            {2.5, 0.9995930479825550}, {-3, -0.9999779095030014}, {4, 0.9999999845827421}};
        for (double[] e : erf) {
            double x = e[0] * Math.sqrt(2);
            assertEquals(0.5 * x * (1 + e[1]), Gelu.exact(x), 1e-15 * Math.abs(x), "gelu(" + x + ")");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            List<Float> xs = new ArrayList<>();
            for (double x = -9; x <= 9; x += 0.01) {
                xs.add((float) x);
            }
            float[] x = new float[xs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = xs.get(i);
            }
            float[] y = Activation.gelu(m.create(x)).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(y[i], Gelu.exact(x[i]), 5e-7 * Math.max(1, Math.abs(x[i])), "gelu(" + x[i] + ")");
            }
        }
    }

    /** Every parameter off its initial value (LayerNorm scales and shifts, biases, the zeroed head outputs). */
    private static void perturb(SurfaceForecastNet net, NDManager m) {
        Random random = new Random(17);
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] noise = new float[(int) a.size()];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) (0.1 * random.nextGaussian());
            }
            a.addi(m.create(noise, a.getShape()));
        }
    }

    /**
     * Float32 rounding: 2e-6 of the array's largest value. The network's own forward pass moves a sample's outputs
     * by up to ~6e-7 of that between a batch of one and a batch of three (other kernel blockings), and the SVI
     * constraint's cancellation in {@code a} amplifies such noise.
     */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Float.isFinite(actual[i]), what);
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / scale);
        }
        assertTrue(worst <= 2e-6, what + ": largest difference " + worst + " of the largest value " + scale);
    }
}
