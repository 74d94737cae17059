package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing autograd keeps for backward may live in memory that Java frees. Collections between forward
 * and backward free every unreachable direct buffer (DJL's {@code x.mul(2f)} scalars were such buffers), and the
 * small allocations after them take the freed chunks; the gradients must not change.
 */
class BorrowedMemoryTest {

    private static ForecasterConfig everyTerm(boolean informer) {
        ForecasterConfig d = ForecasterConfig.defaults();
        // both heads, Huber, every loss term; no dropout, so that two passes are the same computation
        return new ForecasterConfig(true, true, informer, BlendPolicy.BLEND, ResidualBase.STICKY_EXPIRY,
                new LossWeights(1.0, 0.1, 0.02, 0.01, 0.1, 0.05), SyntheticSeries.SPEC, d.features(), 5, 8, 2, 1,
                0.0, 1e-3, 1e-4, 2, 2, 8, 0.1, 0.2, true, 0.05, 0.5, 1, true, 3L);
    }

    @Test
    void gradientsDoNotChangeWhenJavaFreesMemoryBetweenForwardAndBackward() throws InterruptedException {
        SyntheticSeries series = new SyntheticSeries(0.5, 0.15);
        List<CanonicalSurface> s = series.surfaces("AAA", 0.04, 9, 5);
        for (boolean informer : new boolean[] {false, true}) {
            ForecasterConfig cfg = everyTerm(informer);
            SampleEncoder encoder = new SampleEncoder(cfg, NormalizationStats.fit(s), null);
            List<EncodedSample> batch = new ArrayList<>();
            for (int t = 5; t < s.size(); t++) {
                batch.add(encoder.encode(SurfaceHistory.of(s.subList(t - 5, t), 1), s.get(t)));
            }
            try (NDManager m = NDManager.newBaseManager()) {
                SurfaceForecastNet net = new SurfaceForecastNet(cfg, 3, 5, encoder.featureCount());
                net.initialize(m, DataType.FLOAT32, net.inputShapes());
                for (Pair<String, Parameter> p : net.getParameters()) {
                    if (p.getKey().contains("Head")) { // untrained heads are zero: give them weights
                        p.getValue().getArray().addi(m.randomNormal(0, 0.3f, p.getValue().getShape(),
                                DataType.FLOAT32));
                    }
                }
                NDList in = EncodedBatch.inputs(m, batch, net.inputShapes());
                NDList labels = EncodedBatch.labels(m, batch, 3);
                ForecastLoss loss = new ForecastLoss(cfg);
                List<float[]> plain = gradients(m, net, loss, in, labels, false);
                List<float[]> freed = gradients(m, net, loss, in, labels, true);
                boolean anyNonZero = false;
                for (int i = 0; i < plain.size(); i++) {
                    assertArrayEquals(plain.get(i), freed.get(i), "gradient of parameter " + i + " informer="
                            + informer);
                    for (float g : plain.get(i)) {
                        anyNonZero |= g != 0;
                    }
                }
                assertFalse(plain.isEmpty() || !anyNonZero, "the network should have gradients");
            }
        }
    }

    private static List<float[]> gradients(NDManager m, SurfaceForecastNet net, ForecastLoss loss, NDList in,
            NDList labels, boolean freeJavaMemory) throws InterruptedException {
        List<ByteBuffer> reuse = new ArrayList<>();
        try (NDManager pass = m.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = net.forward(new ParameterStore(pass, false), in, true);
                NDArray l = loss.total(out, in, labels);
                if (freeJavaMemory) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(30); // the Cleaner thread frees unreachable direct buffers
                    }
                    for (int i = 0; i < 4000; i++) { // malloc hands the freed chunks out again
                        ByteBuffer b = ByteBuffer.allocateDirect(4 * (1 + i % 8)).order(ByteOrder.nativeOrder());
                        b.putFloat(0, 12345f);
                        reuse.add(b);
                    }
                }
                gc.backward(l);
            }
            List<float[]> grads = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray g = p.getValue().getArray().getGradient();
                g.attach(pass);
                grads.add(g.toFloatArray());
                OwnedArrays.zeroInPlace(g); // the next pass starts from zero
            }
            assertEquals(net.getParameters().size(), grads.size());
            reuse.clear();
            return grads;
        }
    }

    @Test
    void ownedArraysCopyTheDataAndZeroInPlace() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] data = {1f, 2f, 3f, 4f, 5f, 6f};
            NDArray a = OwnedArrays.create(m, data, new Shape(2, 3));
            data[0] = 99f; // the array is a copy
            assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, a.toFloatArray());
            assertEquals(new Shape(2, 3), a.getShape());
            assertArrayEquals(new float[] {2f, 4f, 6f, 8f, 10f, 12f}, OwnedArrays.mul(a, 2f).toFloatArray());
            assertArrayEquals(new float[] {3f, 3f, 3f, 4f, 5f, 6f}, OwnedArrays.maximum(a, 3f).toFloatArray());
            assertArrayEquals(new float[] {1f, 2f, 3f, 3f, 3f, 3f}, OwnedArrays.minimum(a, 3f).toFloatArray());
            assertArrayEquals(new float[] {1f, 4f, 9f, 16f, 25f, 36f}, OwnedArrays.pow(a, 2f).toFloatArray());
            assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f, 2.5f, 3f}, OwnedArrays.div(a, 2f).toFloatArray());
            NDArray nan = OwnedArrays.create(m, new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -1f});
            OwnedArrays.zeroInPlace(nan);
            assertArrayEquals(new float[] {0f, 0f, 0f}, nan.toFloatArray());
        }
    }
}
