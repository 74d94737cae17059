package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Head B: per cell the standardised change of total variance on top of the residual base (sticky-expiry by
 * default). The output layer starts at zero, so an untrained head returns the base surface.
 * Input {@code z (B, C, D)}; output {@code delta (B, C)} in units of the tenor's scale.
 */
public final class GridHead extends AbstractBlock {

    private final int dModel;
    private final Linear hidden;
    private final Linear out;

    public GridHead(int dModel) {
        this.dModel = dModel;
        hidden = addChildBlock("hidden", Linear.builder().setUnits(dModel).build());
        out = addChildBlock("out", Linear.builder().setUnits(1).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = Activation.gelu(hidden.forward(ps, new NDList(inputs.get(0)), training).head());
        return new NDList(out.forward(ps, new NDList(h), training).head().squeeze(-1));
    }

    Linear hidden() {
        return hidden;
    }

    Linear out() {
        return out;
    }

    /** Sets the output layer to zero (residual learning from the base surface). */
    public void zeroOutput() {
        for (Parameter p : out.getParameters().values()) {
            // assign rather than multiply: 0 * (uninitialised NaN) would stay NaN
            OwnedArrays.zeroInPlace(p.getArray());
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        hidden.initialize(manager, dataType, new Shape(1, dModel));
        out.initialize(manager, dataType, new Shape(1, dModel));
        zeroOutput();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1))};
    }
}
