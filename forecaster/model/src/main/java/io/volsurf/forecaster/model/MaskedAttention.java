package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over a token sequence with a key mask: inputs {@code x (B, L, D)} and
 * {@code keyMask (B, L)} (1 = observed, 0 = masked); output {@code (B, L, D)}. Masked keys get a score of
 * {@code -1e4} so they receive no weight; when every key of a row is masked the weights are uniform over tokens
 * that carry no masked value, so masked values still cannot leak.
 */
public class MaskedAttention extends AbstractBlock {

    /** Additive score of a masked key. */
    static final float MASKED_SCORE = -1e4f;

    protected final int dModel;
    protected final int heads;
    protected final Linear query;
    protected final Linear key;
    protected final Linear value;
    protected final Linear output;

    public MaskedAttention(int dModel, int heads) {
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " must be divisible by heads " + heads);
        }
        this.dModel = dModel;
        this.heads = heads;
        query = addChildBlock("query", Linear.builder().setUnits(dModel).build());
        key = addChildBlock("key", Linear.builder().setUnits(dModel).build());
        value = addChildBlock("value", Linear.builder().setUnits(dModel).build());
        output = addChildBlock("output", Linear.builder().setUnits(dModel).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray q = splitHeads(query.forward(ps, new NDList(x), training).head());
        NDArray k = splitHeads(key.forward(ps, new NDList(x), training).head());
        NDArray v = splitHeads(value.forward(ps, new NDList(x), training).head());
        NDArray attended = attend(q, k, v, mask);
        return output.forward(ps, new NDList(mergeHeads(attended)), training);
    }

    /** Full scaled dot-product attention, {@code (B, H, L, dh)} in and out. */
    protected NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask) {
        long dh = q.getShape().get(3);
        NDArray scores = OwnedArrays.div(q.matMul(k.transpose(0, 1, 3, 2)), (float) Math.sqrt(dh));
        scores = scores.add(keyBias(mask));
        return scores.softmax(-1).matMul(v);
    }

    /** {@code (B, L)} mask to an additive {@code (B, 1, 1, L)} score bias. */
    protected static NDArray keyBias(NDArray mask) {
        Shape s = mask.getShape();
        return OwnedArrays.mul(mask.sub(1), -MASKED_SCORE).reshape(s.get(0), 1, 1, s.get(1));
    }

    protected NDArray splitHeads(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, dModel / heads).transpose(0, 2, 1, 3);
    }

    protected NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), dModel);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = new Shape(1, dModel);
        query.initialize(manager, dataType, in);
        key.initialize(manager, dataType, in);
        value.initialize(manager, dataType, in);
        output.initialize(manager, dataType, in);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
