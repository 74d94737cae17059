package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Gated fusion of the temporal and cross-sectional streams: {@code g = sigmoid(W [t; s] + b)},
 * output {@code g * t + (1 - g) * s}, elementwise per channel. Inputs two {@code (..., D)} arrays.
 */
public final class GatedFusion extends AbstractBlock {

    private final int dModel;
    private final Linear gate;

    public GatedFusion(int dModel) {
        this.dModel = dModel;
        gate = addChildBlock("gate", Linear.builder().setUnits(dModel).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray t = inputs.get(0);
        NDArray s = inputs.get(1);
        NDArray g = Activation.sigmoid(gate.forward(ps, new NDList(t.concat(s, -1)), training).head());
        return new NDList(g.mul(t).add(g.neg().add(1).mul(s)));
    }

    /** Input {@code [t; s]}, output the gate's pre-activation. */
    Linear gate() {
        return gate;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        gate.initialize(manager, dataType, new Shape(1, 2L * dModel));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
