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
 * Cross-sectional attention: the M x K cell tokens of one snapshot attend to each other (smile and term-structure
 * patterns). In informer mode the tokens of all N snapshots attend jointly through {@link ProbSparseAttention}
 * (N x M x K spatio-temporal tokens, where ProbSparse saves work). Inputs {@code h (B, N, C, D)},
 * {@code mask (B, N, C)}; output {@code (B, N, C, D)}.
 */
public final class CrossSectionalAttention extends AbstractBlock {

    private final MaskedAttention attention;
    private final boolean spatioTemporal;

    public CrossSectionalAttention(int dModel, int heads, boolean informerMode, int informerFactor) {
        this.spatioTemporal = informerMode;
        attention = addChildBlock("attention", informerMode ? new ProbSparseAttention(dModel, heads, informerFactor)
                : new MaskedAttention(dModel, heads));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        Shape s = h.getShape();
        long b = s.get(0);
        long n = s.get(1);
        long c = s.get(2);
        long d = s.get(3);
        long groups = spatioTemporal ? b : b * n;
        long tokens = spatioTemporal ? n * c : c;
        NDArray out = attention.forward(ps,
                new NDList(h.reshape(groups, tokens, d), inputs.get(1).reshape(groups, tokens)), training).head();
        return new NDList(out.reshape(b, n, c, d));
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
