package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.svi.SviParams;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelBlocksTest {

    private static ForecasterConfig tiny(boolean informer, boolean gridHead) {
        ForecasterConfig d = ForecasterConfig.defaults();
        return new ForecasterConfig(true, gridHead, informer, gridHead ? BlendPolicy.BLEND : BlendPolicy.SVI,
                ResidualBase.STICKY_EXPIRY, d.lossWeights(), SyntheticSeries.SPEC, d.features(), 5, 8, 2, 1, 0.1,
                1e-3, 1e-4, 2, 2, 8, 0.1, 0.2, false, 0.05, 0.5, 1, true, 3L);
    }

    @Test
    void sviLayerMatchesTheClosedForm() {
        Random r = new Random(1);
        try (NDManager m = NDManager.newBaseManager()) {
            int b = 2;
            int tenors = 3;
            int knots = 7;
            float[] p = new float[b * tenors * 5];
            float[] k = new float[b * tenors * knots];
            List<SviParams> slices = new ArrayList<>();
            for (int s = 0; s < b * tenors; s++) {
                SviParams sp = new SviParams(0.01 + 0.02 * r.nextDouble(), 0.05 + 0.2 * r.nextDouble(),
                        -0.8 + 1.6 * r.nextDouble(), -0.1 + 0.2 * r.nextDouble(), 0.05 + 0.3 * r.nextDouble());
                slices.add(sp);
                float[] v = {(float) sp.a(), (float) sp.b(), (float) sp.rho(), (float) sp.m(), (float) sp.sigma()};
                System.arraycopy(v, 0, p, s * 5, 5);
                for (int j = 0; j < knots; j++) {
                    k[s * knots + j] = (float) (-0.6 + 0.2 * j);
                }
            }
            NDArray params = m.create(p, new Shape(b, tenors, 5));
            NDArray kk = m.create(k, new Shape(b, tenors, knots));
            float[] w = SviLayer.totalVariance(params, kk).toFloatArray();
            float[] g = SviLayer.durrlemanG(params, kk).toFloatArray();
            for (int s = 0; s < b * tenors; s++) {
                SviParams sp = new SviParams(p[s * 5], p[s * 5 + 1], p[s * 5 + 2], p[s * 5 + 3], p[s * 5 + 4]);
                for (int j = 0; j < knots; j++) {
                    double kj = k[s * knots + j];
                    assertEquals(sp.totalVariance(kj), w[s * knots + j], 1e-6 * (1 + sp.totalVariance(kj)));
                    assertEquals(sp.durrlemanG(kj), g[s * knots + j], 1e-4 * (1 + Math.abs(sp.durrlemanG(kj))));
                }
            }
        }
    }

    @Test
    void constraintsHoldForAnyRawOutput() {
        Random r = new Random(2);
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 400;
            float[] u = new float[n * 5];
            for (int i = 0; i < u.length; i++) {
                u[i] = (float) (r.nextGaussian() * (i % 3 == 0 ? 40 : 5));
            }
            float[] p = SviConstraint.constrain(m.create(u, new Shape(n, 5))).toFloatArray();
            for (int i = 0; i < n; i++) {
                double a = p[i * 5];
                double b = p[i * 5 + 1];
                double rho = p[i * 5 + 2];
                double sigma = p[i * 5 + 4];
                assertTrue(b >= 0 && Math.abs(rho) < 1 && sigma > 0, "row " + i);
                double minVar = a + b * sigma * Math.sqrt(1 - rho * rho);
                assertTrue(minVar >= -1e-6 * (1 + b * sigma), "min variance " + minVar + " at row " + i);
                double[] ud = new double[5];
                for (int j = 0; j < 5; j++) {
                    ud[j] = u[i * 5 + j];
                }
                SviParams sp = SviConstraint.constrain(ud); // throws if a constraint fails
                assertTrue(sp.minimumTotalVariance() >= -1e-12 * (1 + sp.b() * sp.sigma()));
            }
        }
    }

    @Test
    void unconstrainInvertsConstrain() {
        SviParams p = new SviParams(0.01, 0.1, -0.5, 0.05, 0.2);
        SviParams back = SviConstraint.constrain(SviConstraint.unconstrain(p));
        assertEquals(p.a(), back.a(), 1e-12);
        assertEquals(p.b(), back.b(), 1e-12);
        assertEquals(p.rho(), back.rho(), 1e-12);
        assertEquals(p.m(), back.m(), 1e-12);
        assertEquals(p.sigma(), back.sigma(), 1e-12);
    }

    /** The head's m output moves m by that many of the smile's widths, whatever the tenor's scale. */
    @Test
    void mMovesInUnitsOfTheSmilesWidth() {
        for (SviParams p : new SviParams[] {new SviParams(1e-4, 0.01, -0.5, 0.002, 0.004),
            new SviParams(0.03, 0.1, -0.5, 0.05, 0.2)}) {
            double[] u = SviConstraint.unconstrain(p);
            u[3] += 0.5;
            SviParams moved = SviConstraint.constrain(u);
            assertEquals(p.m() + 0.5 * p.sigma(), moved.m(), 1e-12);
            assertEquals(p.sigma(), moved.sigma(), 1e-12);
        }
    }

    @Test
    void rowFitterRecoversAnSviSmile() {
        SviParams truth = SyntheticSeries.smile(0.04, 0.25);
        double[] k = {-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3};
        double[] w = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            w[i] = truth.totalVariance(k[i]);
        }
        SviRowFitter.RowFit fit = new SviRowFitter().fit(k, w);
        assertTrue(fit.relativeRmse() < 1e-3, "relative RMSE " + fit.relativeRmse());
    }

    @Test
    void attentionIgnoresMaskedKeysAndProbSparseIgnoresMaskedTokens() {
        for (boolean sparse : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                int tokens = sparse ? 60 : 6;
                MaskedAttention att = sparse ? new ProbSparseAttention(8, 2, 1) : new MaskedAttention(8, 2);
                att.initialize(m, DataType.FLOAT32, new Shape(2, tokens, 8), new Shape(2, tokens));
                Random r = new Random(3);
                float[] x = new float[2 * tokens * 8];
                float[] mask = new float[2 * tokens];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = i % 3 == 1 ? 0f : 1f;
                }
                float[] before = run(m, att, x, mask, tokens);
                float[] junk = x.clone();
                for (int t = 0; t < 2 * tokens; t++) {
                    if (mask[t] == 0) {
                        for (int d = 0; d < 8; d++) {
                            junk[t * 8 + d] = 100f * (float) r.nextGaussian();
                        }
                    }
                }
                float[] after = run(m, att, junk, mask, tokens);
                for (int t = 0; t < 2 * tokens; t++) {
                    if (mask[t] == 1) {
                        for (int d = 0; d < 8; d++) {
                            assertEquals(before[t * 8 + d], after[t * 8 + d], 0f, "sparse=" + sparse + " token " + t);
                        }
                    }
                }
            }
        }
    }

    private static float[] run(NDManager m, MaskedAttention att, float[] x, float[] mask, int tokens) {
        NDList out = att.forward(new ParameterStore(m, false),
                new NDList(m.create(x, new Shape(2, tokens, 8)), m.create(mask, new Shape(2, tokens))), false);
        return out.head().toFloatArray();
    }

    @Test
    void maskedCellsNeverInfluenceAnyOutput() {
        SyntheticSeries series = new SyntheticSeries(0.5, 0.15);
        List<CanonicalSurface> s = series.surfaces("AAA", 0.04, 6, 5);
        for (boolean informer : new boolean[] {false, true}) {
            ForecasterConfig cfg = tiny(informer, true);
            SampleEncoder encoder = new SampleEncoder(cfg, NormalizationStats.fit(s), null);
            EncodedSample clean = encoder.encode(SurfaceHistory.of(s.subList(0, 5), 1), null);
            List<CanonicalSurface> junkSurfaces = new ArrayList<>();
            for (CanonicalSurface c : s.subList(0, 5)) {
                junkSurfaces.add(SyntheticSeries.withJunkInMaskedCells(c, 7.5));
            }
            EncodedSample junk = encoder.encode(SurfaceHistory.of(junkSurfaces, 1), null);
            for (int i = 0; i < ModelInputs.COUNT; i++) {
                assertArrayEquals(clean.inputs()[i], junk.inputs()[i], "encoded input " + i);
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
                NDList in = EncodedBatch.inputs(m, List.of(clean), net.inputShapes());
                float[][] before = outputs(m, net, in);
                // raw network inputs: junk where the mask is 0, beyond what the encoder would ever pass
                float[] values = clean.inputs()[ModelInputs.VALUES].clone();
                float[] mask = clean.inputs()[ModelInputs.MASK];
                int masked = 0;
                for (int i = 0; i < values.length; i++) {
                    if (mask[i] == 0) {
                        values[i] = 1e3f * (i + 1);
                        masked++;
                    }
                }
                assertTrue(masked > 0, "the synthetic window should have masked cells");
                NDList junkIn = new NDList(in);
                junkIn.set(ModelInputs.VALUES, m.create(values, in.get(ModelInputs.VALUES).getShape()));
                float[][] after = outputs(m, net, junkIn);
                for (int o = 0; o < before.length; o++) {
                    assertArrayEquals(before[o], after[o], "output " + o + " informer=" + informer);
                }
                assertFalse(allZero(before[ModelInputs.OUT_SVI_DELTA]), "heads should be active in this test");
            }
        }
    }

    private static float[][] outputs(NDManager m, SurfaceForecastNet net, NDList in) {
        NDList out = net.forward(new ParameterStore(m, false), in, false);
        float[][] r = new float[out.size()][];
        for (int i = 0; i < out.size(); i++) {
            r[i] = out.get(i).toFloatArray();
        }
        return r;
    }

    private static boolean allZero(float[] a) {
        for (float v : a) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void untrainedModelReturnsTheStartingSmilesAndShapesAreRight() {
        SyntheticSeries series = new SyntheticSeries(0.5, 0.15);
        List<CanonicalSurface> s = series.surfaces("AAA", 0.04, 5, 6);
        ForecasterConfig cfg = tiny(false, false);
        SampleEncoder encoder = new SampleEncoder(cfg, NormalizationStats.fit(s), null);
        EncodedSample e = encoder.encode(SurfaceHistory.of(s, 3), null);
        try (NDManager m = NDManager.newBaseManager()) {
            SurfaceForecastNet net = new SurfaceForecastNet(cfg, 3, 5, encoder.featureCount());
            net.initialize(m, DataType.FLOAT32, net.inputShapes());
            NDList out = net.forward(new ParameterStore(m, false),
                    EncodedBatch.inputs(m, List.of(e, e), net.inputShapes()), false);
            assertEquals(new Shape(2, 15), out.get(ModelInputs.OUT_W).getShape());
            assertEquals(new Shape(2, 3, 5), out.get(ModelInputs.OUT_SVI).getShape());
            float[] w = out.get(ModelInputs.OUT_W).toFloatArray();
            for (int c = 0; c < 15; c++) {
                double expected = e.startSmiles().get(c / 5).totalVariance(e.kCells()[c]);
                assertEquals(expected, w[c], 1e-6 + 1e-4 * expected);
            }
        }
    }
}
