package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * ProbSparse self-attention (Zhou et al. 2021, Informer): only the {@code u = c ln L} queries with the largest
 * sparsity measurement {@code M(q) = max_j s(q, k_j) - mean_j s(q, k_j)}, estimated on {@code c ln L} sampled keys,
 * attend over all keys; the other ("lazy") queries output the mean of the values. Cost {@code O(L ln L)} instead of
 * {@code O(L^2)}, which pays once L is in the hundreds (the spatio-temporal tokens, not the N snapshots alone).
 * Keys are sampled evenly rather than at random, so the forward pass is deterministic. Masked keys take no part
 * in the measurement, the attention or the mean.
 */
public final class ProbSparseAttention extends MaskedAttention {

    private final int factor;

    /** @param factor Informer's sampling factor c */
    public ProbSparseAttention(int dModel, int heads, int factor) {
        super(dModel, heads);
        if (factor < 1) {
            throw new IllegalArgumentException("informer factor must be >= 1, got " + factor);
        }
        this.factor = factor;
    }

    private static long ks0(NDArray mask) {
        return mask.getShape().get(0);
    }

    /** Queries (and sampled keys) ProbSparse keeps for {@code tokens} tokens. */
    public int activeCount(long tokens) {
        return (int) Math.min(tokens, (long) Math.ceil(factor * Math.log(Math.max(tokens, 2))));
    }

    @Override
    protected NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask) {
        Shape qs = q.getShape();
        long tokens = qs.get(2);
        long dh = qs.get(3);
        int u = activeCount(tokens);
        if (u >= tokens) {
            return super.attend(q, k, v, mask);
        }
        NDManager manager = q.getManager();
        float scale = (float) (1 / Math.sqrt(dh));
        // evenly spaced key sample as a (U, L) selection matrix
        float[] pick = new float[(int) (u * tokens)];
        int[] sampled = new int[u];
        for (int i = 0; i < u; i++) {
            sampled[i] = (int) Math.round(i * (tokens - 1) / (double) (u - 1));
            pick[(int) (i * tokens + sampled[i])] = 1f;
        }
        NDArray select = OwnedArrays.create(manager, pick, new Shape(u, tokens));
        NDArray kSample = select.matMul(k);
        NDArray maskSample = mask.matMul(select.transpose()); // (B, U)
        NDArray sampleScores = OwnedArrays.mul(q.matMul(kSample.transpose(0, 1, 3, 2)), scale); // (B, H, L, U)
        NDArray ms = maskSample.reshape(maskSample.getShape().get(0), 1, 1, u);
        NDArray max = sampleScores.add(OwnedArrays.mul(ms.sub(1), -MASKED_SCORE)).max(new int[] {-1});
        NDArray mean = sampleScores.mul(ms).sum(new int[] {-1}).div(OwnedArrays.maximum(ms.sum(new int[] {-1}), 1f));
        // masked queries rank last, so their values cannot change which observed queries are active
        NDArray queryMask = mask.reshape(ks0(mask), 1, tokens);
        NDArray sparsity = max.sub(mean).mul(queryMask).add(queryMask.sub(1).mul(1e9f)); // (B, H, L)
        NDArray top = sparsity.topK(u, -1, true, false).get(1); // indices (B, H, u)
        NDArray topOneHot = top.oneHot((int) tokens, DataType.FLOAT32).stopGradient(); // (B, H, u, L)
        NDArray qTop = topOneHot.matMul(q);
        NDArray scores = OwnedArrays.mul(qTop.matMul(k.transpose(0, 1, 3, 2)), scale).add(keyBias(mask));
        NDArray activeOut = scores.softmax(-1).matMul(v); // (B, H, u, dh)
        Shape ks = mask.getShape();
        NDArray m4 = mask.reshape(ks.get(0), 1, ks.get(1), 1);
        NDArray lazy = v.mul(m4).sum(new int[] {2}, true).div(OwnedArrays.maximum(m4.sum(new int[] {2}, true), 1f)); // (B, H, 1, dh)
        return lazy.add(topOneHot.transpose(0, 1, 3, 2).matMul(activeOut.sub(lazy)));
    }
}
