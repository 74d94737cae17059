package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SurfaceForecastNet}'s inference pass for one sample with about a quarter of its eager ops (each costs
 * 10-20 us of JNI and dispatch, far more than its arithmetic at these sizes). Same maths, regrouped once from the
 * trained parameters:
 * <ul>
 * <li>the five input embeddings and the lag encoding are one linear map of a per-token row built in Java;</li>
 * <li>per block, both attention LayerNorms' scale and shift and the {@code 1/sqrt(dh)} score scale are folded into
 * one linear map giving the temporal and cross-sectional Q, K, V at once; the additive key-mask biases are built
 * once per forecast for all blocks;</li>
 * <li>both attention output projections and the fusion gate are one linear map of the two attended streams, giving
 * {@code t - s}, {@code s} and the gate's pre-activation, so the fusion is {@code s + sigmoid(g) (t - s)};</li>
 * <li>after the blocks, the latest snapshot's tokens leave the engine once: final LayerNorm, gap embedding, heads,
 * {@link SviConstraint}, SVI layer and blend run in Java (double precision) on a few hundred numbers.</li>
 * </ul>
 * In informer mode the cross-sectional stream is {@link ProbSparseAttention#attend} over all tokens, on the fused
 * Q, K, V (unscaled: it scales its own scores). Dropout is not in an inference pass at all. The
 * parameters are read when this is built: build it again after they change. Agrees with
 * {@code net.forward(..., training = false)} to float rounding (FusedInferenceTest).
 */
final class FusedInference implements AutoCloseable {

    /** DJL LayerNorm's default epsilon, which the network's norms use. */
    private static final float LAYER_NORM_EPS = 1e-5f;

    private final NDManager manager;
    private final int window;
    private final int cells;
    private final int tenors;
    private final int knots;
    private final int dModel;
    private final int heads;
    private final int featureCount;
    private final int tokenWidth;
    private final boolean informer;
    private final NDArray embedWeight;
    private final NDArray embedBias;
    private final NDArray ones;
    private final NDArray zeros;
    private final List<FusedBlock> blocks = new ArrayList<>();
    private final Shape normShape;
    private final float[] finalGamma;
    private final float[] finalBeta;
    private final Dense gapEmbed;
    private final Dense sviHidden;
    private final Dense sviOut;
    private final Dense gridHidden;
    private final Dense gridOut;
    private final ThreadLocal<ByteBuffer[]> callBuffers = new ThreadLocal<>();

    /** One encoder block's arrays; {@code probSparse} is its cross-sectional attention in informer mode. */
    private record FusedBlock(NDArray qkvWeight, NDArray qkvBias, NDArray mixWeight, NDArray mixBias,
            NDArray ffnGamma, NDArray ffnBeta, NDArray ffnInWeight, NDArray ffnInBias, NDArray ffnOutWeight,
            NDArray ffnOutBias, ProbSparseAttention probSparse) {
    }

    /** @param parent the manager whose device the network's parameters live on (the model's) */
    FusedInference(SurfaceForecastNet net, NDManager parent) {
        ForecasterConfig config = net.config();
        this.manager = parent.newSubManager();
        this.window = config.window();
        this.tenors = net.tenors();
        this.knots = net.knots();
        this.cells = tenors * knots;
        this.dModel = config.dModel();
        this.heads = config.heads();
        this.informer = config.informerMode();
        this.normShape = new Shape(dModel);
        try {
            Dense value = Dense.of(net.valueEmbed());
            Dense coord = Dense.of(net.coordEmbed());
            Dense feature = Dense.of(net.featureEmbed());
            Dense context = Dense.of(net.contextEmbed());
            featureCount = feature.in();
            tokenWidth = value.in() + coord.in() + featureCount + context.in() + window;
            float[] lag = ContinuousEncoding.lagEncoding(manager, window, dModel).toFloatArray();
            double[][] w = new double[dModel][tokenWidth];
            double[] b = new double[dModel];
            for (int o = 0; o < dModel; o++) {
                int col = 0;
                for (Dense part : new Dense[] {value, coord, feature, context}) {
                    for (int i = 0; i < part.in(); i++) {
                        w[o][col++] = part.w(o, i);
                    }
                    b[o] += part.bias()[o];
                }
                for (int n = 0; n < window; n++) {
                    w[o][col++] = lag[n * dModel + o]; // one-hot lag column: adds the lag encoding exactly
                }
            }
            embedWeight = create(w);
            embedBias = create(b);
            ones = manager.ones(normShape);
            zeros = manager.zeros(normShape);
            for (SpatioTemporalBlock block : net.blocks()) {
                blocks.add(fuse(block));
            }
            finalGamma = floats(net.finalNorm(), "gamma");
            finalBeta = floats(net.finalNorm(), "beta");
            gapEmbed = Dense.of(net.gapEmbed());
            sviHidden = net.sviHead() == null ? null : Dense.of(net.sviHead().hidden());
            sviOut = net.sviHead() == null ? null : Dense.of(net.sviHead().out());
            gridHidden = net.gridHead() == null ? null : Dense.of(net.gridHead().hidden());
            gridOut = net.gridHead() == null ? null : Dense.of(net.gridHead().out());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private FusedBlock fuse(SpatioTemporalBlock block) {
        int d = dModel;
        double scoreScale = 1 / Math.sqrt(d / (double) heads);
        // Q, K, V of both streams from one un-scaled LayerNorm: W diag(gamma) and W beta + bias
        double[][] qkv = new double[6 * d][d];
        double[] qkvBias = new double[6 * d];
        MaskedAttention[] streams = {block.temporalAttention(), block.crossAttention()};
        LayerNorm[] norms = {block.temporalNorm(), block.crossNorm()};
        for (int s = 0; s < 2; s++) {
            float[] gamma = floats(norms[s], "gamma");
            float[] beta = floats(norms[s], "beta");
            Linear[] projections = {streams[s].query, streams[s].key, streams[s].value};
            for (int p = 0; p < 3; p++) {
                Dense lin = Dense.of(projections[p]);
                double scale = p == 0 && !(s == 1 && informer) ? scoreScale : 1;
                for (int o = 0; o < d; o++) {
                    int row = (3 * s + p) * d + o;
                    double bias = lin.bias()[o];
                    for (int i = 0; i < d; i++) {
                        qkv[row][i] = scale * lin.w(o, i) * gamma[i];
                        bias += lin.w(o, i) * (double) beta[i];
                    }
                    qkvBias[row] = scale * bias;
                }
            }
        }
        // [t - s; s; gate] from [attended t; attended s]: t = Wt at + bt, s = Ws as + bs, gate = Gt t + Gs s + bg
        Dense ot = Dense.of(block.temporalAttention().output);
        Dense os = Dense.of(block.crossAttention().output);
        Dense gate = Dense.of(block.fusionGate());
        double[][] mix = new double[3 * d][2 * d];
        double[] mixBias = new double[3 * d];
        for (int o = 0; o < d; o++) {
            for (int i = 0; i < d; i++) {
                mix[o][i] = ot.w(o, i);
                mix[o][d + i] = -os.w(o, i);
                mix[d + o][d + i] = os.w(o, i);
                double gt = 0;
                double gs = 0;
                for (int j = 0; j < d; j++) {
                    gt += gate.w(o, j) * ot.w(j, i);
                    gs += gate.w(o, d + j) * os.w(j, i);
                }
                mix[2 * d + o][i] = gt;
                mix[2 * d + o][d + i] = gs;
            }
            mixBias[o] = ot.bias()[o] - (double) os.bias()[o];
            mixBias[d + o] = os.bias()[o];
            double gb = gate.bias()[o];
            for (int j = 0; j < d; j++) {
                gb += gate.w(o, j) * (double) ot.bias()[j] + gate.w(o, d + j) * (double) os.bias()[j];
            }
            mixBias[2 * d + o] = gb;
        }
        return new FusedBlock(create(qkv), create(qkvBias), create(mix), create(mixBias),
                copy(block.ffnNorm(), "gamma"), copy(block.ffnNorm(), "beta"), copy(block.ffnIn(), "weight"),
                copy(block.ffnIn(), "bias"), copy(block.ffnOut(), "weight"), copy(block.ffnOut(), "bias"),
                informer ? (ProbSparseAttention) block.crossAttention() : null);
    }

    /** The network on one encoded sample: total variance per cell and the SVI parameters per tenor. */
    TransformerForecaster.NetworkOutput predict(EncodedSample e) {
        float[][] in = e.inputs();
        int tokens = window * cells;
        try (NDManager call = manager.newSubManager()) {
            ByteBuffer[] buffers = callBuffers();
            NDArray rows = create(call, buffers[0], tokenRows(in), new Shape(tokens, tokenWidth));
            NDArray h = linear(rows, embedWeight, embedBias);
            float[] mask = in[ModelInputs.MASK];
            NDArray temporalBias = create(call, buffers[1], keyBias(mask, true), new Shape(cells, 1, window, 1));
            NDArray crossBias = informer ? create(call, buffers[2], mask, new Shape(1, tokens))
                    : create(call, buffers[2], keyBias(mask, false), new Shape(window, 1, cells, 1));
            for (FusedBlock block : blocks) {
                h = forward(block, h, temporalBias, crossBias);
            }
            return heads(h.toFloatArray(), in);
        }
    }

    /** One encoder block on {@code h (N C, D)}, token {@code n C + c}. */
    private NDArray forward(FusedBlock b, NDArray h, NDArray temporalBias, NDArray crossBias) {
        // crossBias: the key bias (N, 1, C, 1), or in informer mode the mask (1, N C) for ProbSparse
        int dh = dModel / heads;
        NDArray qkv = linear(layerNorm(h, ones, zeros), b.qkvWeight(), b.qkvBias())
                .reshape(window, cells, 6, heads, dh);
        // transposed per head, (dh, L): scores as (key, query) and softmax over keys along axis -2, which PyTorch's
        // CPU kernels do 2-4x faster than along the last axis at these lengths (5 and 49)
        NDList temporal = qkv.transpose(2, 1, 3, 4, 0).split(6, 0); // (1, C, H, dh, N) each
        NDArray t = attend(temporal.get(0), temporal.get(1), temporal.get(2), temporalBias).transpose(0, 4, 1, 2, 3);
        NDArray s;
        if (b.probSparse() == null) {
            NDList cross = qkv.transpose(2, 0, 3, 4, 1).split(6, 0); // (1, N, H, dh, C) each
            s = attend(cross.get(3), cross.get(4), cross.get(5), crossBias).transpose(0, 1, 4, 2, 3);
        } else {
            // all N C tokens of the sample as one sequence, (1, H, N C, dh)
            NDList cross = qkv.reshape(window * cells, 6, heads, dh).transpose(1, 2, 0, 3).split(6, 0);
            s = b.probSparse().attend(cross.get(3), cross.get(4), cross.get(5), crossBias).transpose(0, 2, 1, 3)
                    .reshape(1, window, cells, heads, dh);
        }
        NDArray attended = t.concat(s, 3).reshape(window * cells, 2L * dModel); // [t heads; s heads] per token
        NDList mixed = linear(attended, b.mixWeight(), b.mixBias()).split(3, 1); // t - s, s, gate
        h = h.add(mixed.get(1)).add(Activation.sigmoid(mixed.get(2)).mul(mixed.get(0)));
        NDArray f = linear(layerNorm(h, b.ffnGamma(), b.ffnBeta()), b.ffnInWeight(), b.ffnInBias());
        return h.add(linear(Activation.gelu(f), b.ffnOutWeight(), b.ffnOutBias()));
    }

    /**
     * Softmax attention of pre-scaled queries with an additive key bias, all transposed: {@code q, k, v (..., dh, L)},
     * bias {@code (..., L, 1)}; output {@code (..., dh, L)}.
     */
    private static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray keyBias) {
        return v.matMul(k.swapAxes(-1, -2).matMul(q).add(keyBias).softmax(-2));
    }

    private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return JniUtils.layerNorm((PtNDArray) x, normShape, (PtNDArray) gamma, (PtNDArray) beta, LAYER_NORM_EPS);
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return JniUtils.linear((PtNDArray) x, (PtNDArray) weight, (PtNDArray) bias);
    }

    /**
     * Per token {@code (n, c)}: masked value and mask, Fourier encodings of T and k, the snapshot's features, the
     * cell's context, one-hot lag: the inputs of the fused embedding.
     */
    private float[] tokenRows(float[][] in) {
        float[] values = in[ModelInputs.VALUES];
        float[] mask = in[ModelInputs.MASK];
        float[] coords = in[ModelInputs.COORDS];
        float[] features = in[ModelInputs.FEATURES];
        float[] context = in[ModelInputs.CONTEXT];
        int enc = ContinuousEncoding.width();
        float[][] cellEncoding = new float[cells][2 * enc];
        for (int c = 0; c < cells; c++) {
            fourier(coords[2 * c], cellEncoding[c], 0);
            fourier(coords[2 * c + 1], cellEncoding[c], enc);
        }
        float[] rows = new float[window * cells * tokenWidth];
        for (int n = 0; n < window; n++) {
            for (int c = 0; c < cells; c++) {
                int at = (n * cells + c) * tokenWidth;
                int i = n * cells + c;
                rows[at++] = values[i] * mask[i];
                rows[at++] = mask[i];
                System.arraycopy(cellEncoding[c], 0, rows, at, 2 * enc);
                at += 2 * enc;
                System.arraycopy(features, n * featureCount, rows, at, featureCount);
                at += featureCount;
                System.arraycopy(context, 3 * c, rows, at, 3);
                at += 3;
                rows[at + n] = 1f;
            }
        }
        return rows;
    }

    /** {@link ContinuousEncoding#fourier} of one scalar, with its float32 rounding of the angle. */
    static void fourier(float x, float[] out, int at) {
        float[] f = ContinuousEncoding.FREQUENCIES;
        out[at] = x;
        for (int i = 0; i < f.length; i++) {
            float angle = x * (float) (2 * Math.PI * f[i]);
            out[at + 1 + i] = (float) Math.sin(angle);
            out[at + 1 + f.length + i] = (float) Math.cos(angle);
        }
    }

    /** {@link MaskedAttention}'s additive key bias, per cell over snapshots or per snapshot over cells. */
    private float[] keyBias(float[] mask, boolean temporal) {
        float[] bias = new float[window * cells];
        for (int n = 0; n < window; n++) {
            for (int c = 0; c < cells; c++) {
                float b = (mask[n * cells + c] - 1) * -MaskedAttention.MASKED_SCORE;
                bias[temporal ? c * window + n : n * cells + c] = b;
            }
        }
        return bias;
    }

    /** Final LayerNorm of the latest snapshot's tokens, gap embedding, heads, SVI layer, blend. */
    private TransformerForecaster.NetworkOutput heads(float[] h, float[][] in) {
        float[] gapEnc = new float[ContinuousEncoding.width()];
        fourier(in[ModelInputs.GAP][0], gapEnc, 0);
        double[] gap = gapEmbed.apply(toDouble(gapEnc));
        double[][] z = new double[cells][];
        for (int c = 0; c < cells; c++) {
            z[c] = normalise(h, ((window - 1) * cells + c) * dModel);
            for (int j = 0; j < dModel; j++) {
                z[c][j] += gap[j];
            }
        }
        float[] start = in[ModelInputs.SVI_START];
        float[] k = in[ModelInputs.K];
        float[] svi = new float[tenors * 5];
        float[] wSvi = new float[cells];
        for (int m = 0; m < tenors; m++) {
            float[] u = new float[5];
            System.arraycopy(start, m * 5, u, 0, 5);
            if (sviHidden != null) {
                double[] pooled = new double[dModel];
                for (int j = 0; j < knots; j++) {
                    for (int i = 0; i < dModel; i++) {
                        pooled[i] += z[m * knots + j][i];
                    }
                }
                for (int i = 0; i < dModel; i++) {
                    pooled[i] /= knots;
                }
                double[] delta = sviOut.apply(gelu(sviHidden.apply(pooled)));
                for (int i = 0; i < 5; i++) {
                    u[i] += (float) delta[i];
                }
            }
            float[] p = constrain(u);
            System.arraycopy(p, 0, svi, m * 5, 5);
            for (int j = 0; j < knots; j++) {
                int c = m * knots + j;
                wSvi[c] = totalVariance(p, k[c]);
            }
        }
        float[] base = in[ModelInputs.BASE];
        float[] scale = in[ModelInputs.SCALE];
        float[] gw = in[ModelInputs.GRID_WEIGHT];
        float[] w = new float[cells];
        for (int c = 0; c < cells; c++) {
            float wGrid = wSvi[c];
            if (gridHidden != null) {
                wGrid = base[c] + (float) gridOut.apply(gelu(gridHidden.apply(z[c])))[0] * scale[c];
            }
            w[c] = wSvi[c] * (1 - gw[c]) + wGrid * gw[c];
        }
        return new TransformerForecaster.NetworkOutput(w, svi);
    }

    /*
     * The SVI stage in float32 with the network's order of operations (SviConstraint.constrain on arrays,
     * SviLayer.totalVariance): a = softplus(u_a) - b sigma sqrt(1 - rho^2) cancels, so evaluating it in double
     * would move w by ~1e-6 relative from the network's own (float) forecast.
     */
    private static float[] constrain(float[] u) {
        float b = softplus(u[1]);
        float rho = (float) Math.tanh(u[2]) * (float) SviConstraint.RHO_BOUND;
        float sigma = softplus(u[4]) + (float) SviConstraint.SIGMA_FLOOR;
        float a = softplus(u[0]) - b * sigma * (float) Math.sqrt(-(rho * rho) + 1);
        return new float[] {a, b, rho, u[3] * sigma, sigma};
    }

    /** PyTorch's softplus (threshold 20) in float32. */
    private static float softplus(float x) {
        return x > 20 ? x : (float) Math.log1p(Math.exp(x));
    }

    private static float totalVariance(float[] p, float k) {
        float x = k - p[3];
        return p[0] + p[1] * (p[2] * x + (float) Math.sqrt(x * x + p[4] * p[4]));
    }

    /** The final LayerNorm of the token at {@code from}. */
    private double[] normalise(float[] h, int from) {
        double mean = 0;
        for (int j = 0; j < dModel; j++) {
            mean += h[from + j];
        }
        mean /= dModel;
        double var = 0;
        for (int j = 0; j < dModel; j++) {
            double x = h[from + j] - mean;
            var += x * x;
        }
        double inv = 1 / Math.sqrt(var / dModel + LAYER_NORM_EPS);
        double[] out = new double[dModel];
        for (int j = 0; j < dModel; j++) {
            out[j] = (h[from + j] - mean) * inv * finalGamma[j] + finalBeta[j];
        }
        return out;
    }

    private static double[] gelu(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Gelu.exact(x[i]);
        }
        return out;
    }

    private static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }

    /**
     * An array of this call from Java floats. {@code NDManager.create(float[])} allocates a direct buffer per array,
     * which cost more than the ops it fed (~80 us for the token rows); each thread reuses its own three instead.
     * The engine's array aliases the buffer, so it must not outlive the call: the call's manager closes it (views
     * included: they belong to it too), and only copies (op results, toFloatArray) leave. The one borrowing
     * exception to {@link OwnedArrays}: safe here because the pass runs with autograd off, so nothing keeps a tensor
     * past the call, and the buffer is only rewritten by the next call on the same thread.
     */
    private static NDArray create(NDManager call, ByteBuffer buffer, float[] data, Shape shape) {
        buffer.asFloatBuffer().put(data);
        return call.create(buffer, shape, DataType.FLOAT32);
    }

    /** Per thread, the direct buffers of one call's inputs: token rows, temporal and cross-sectional key bias. */
    private ByteBuffer[] callBuffers() {
        ByteBuffer[] buffers = callBuffers.get();
        if (buffers == null) {
            int tokens = window * cells;
            buffers = new ByteBuffer[] {direct(tokens * tokenWidth), direct(tokens), direct(tokens)};
            callBuffers.set(buffers);
        }
        return buffers;
    }

    private static ByteBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder());
    }

    private NDArray create(double[][] w) {
        int rows = w.length;
        int cols = w[0].length;
        float[] flat = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                flat[r * cols + c] = (float) w[r][c];
            }
        }
        return OwnedArrays.create(manager, flat, new Shape(rows, cols));
    }

    private NDArray create(double[] b) {
        float[] flat = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            flat[i] = (float) b[i];
        }
        return OwnedArrays.create(manager, flat);
    }

    private static NDArray parameter(Block block, String name) {
        return block.getParameters().get(name).getArray();
    }

    /** A parameter as it is now, in this pass's manager. */
    private NDArray copy(Block block, String name) {
        NDArray p = parameter(block, name);
        return OwnedArrays.create(manager, p.toFloatArray(), p.getShape());
    }

    private static float[] floats(Block block, String name) {
        return parameter(block, name).toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }

    /** A linear layer's parameters in Java: {@code y = W x + b}, W {@code (out, in)} row-major. */
    record Dense(float[] weight, float[] bias, int out, int in) {

        static Dense of(Linear linear) {
            NDArray w = parameter(linear, "weight");
            Shape s = w.getShape();
            return new Dense(w.toFloatArray(), parameter(linear, "bias").toFloatArray(), (int) s.get(0),
                    (int) s.get(1));
        }

        double w(int o, int i) {
            return weight[o * in + i];
        }

        double[] apply(double[] x) {
            double[] y = new double[out];
            for (int o = 0; o < out; o++) {
                double sum = bias[o];
                for (int i = 0; i < in; i++) {
                    sum += weight[o * in + i] * x[i];
                }
                y[o] = sum;
            }
            return y;
        }
    }
}
