package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Temporal attention: each (T, k) cell token attends across the N snapshots of its own cell. Inputs
 * {@code h (B, N, C, D)} and {@code mask (B, N, C)}; output {@code (B, N, C, D)}.
 */
public final class TemporalAttention extends AbstractBlock {

    private final MaskedAttention attention;

    public TemporalAttention(int dModel, int heads) {
        attention = addChildBlock("attention", new MaskedAttention(dModel, heads));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        Shape s = h.getShape();
        long b = s.get(0);
        long n = s.get(1);
        long c = s.get(2);
        long d = s.get(3);
        NDArray tokens = h.transpose(0, 2, 1, 3).reshape(b * c, n, d);
        NDArray mask = inputs.get(1).transpose(0, 2, 1).reshape(b * c, n);
        NDArray out = attention.forward(ps, new NDList(tokens, mask), training).head();
        return new NDList(out.reshape(b, c, n, d).transpose(0, 2, 1, 3));
    }

    MaskedAttention attention() {
        return attention;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long d = inputShapes[0].get(3);
        attention.initialize(manager, dataType, new Shape(1, 1, d), new Shape(1, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
