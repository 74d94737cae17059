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
 * Head A: per tenor, the next session's SVI parameters as an update of the starting smile (the fit of the residual
 * base, i.e. near the last session's smile) in {@link SviConstraint}'s unconstrained coordinates, so the constraints
 * hold for any output. The output layer starts at zero: an untrained head returns the starting smile.
 * Inputs {@code z (B, M, K, D)} and {@code start (B, M, 5)} unconstrained; outputs {@code params (B, M, 5)} raw SVI
 * and {@code delta (B, M, 5)}.
 */
public final class SviHead extends AbstractBlock {

    private final int dModel;
    private final Linear hidden;
    private final Linear out;

    public SviHead(int dModel) {
        this.dModel = dModel;
        hidden = addChildBlock("hidden", Linear.builder().setUnits(dModel).build());
        out = addChildBlock("out", Linear.builder().setUnits(5).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.get(0).mean(new int[] {2}); // (B, M, D): pool the tenor's knots
        NDArray h = Activation.gelu(hidden.forward(ps, new NDList(z), training).head());
        NDArray delta = out.forward(ps, new NDList(h), training).head();
        return new NDList(SviConstraint.constrain(inputs.get(1).add(delta)), delta);
    }

    Linear hidden() {
        return hidden;
    }

    Linear out() {
        return out;
    }

    /** Sets the output layer to zero (residual learning from the starting smile). */
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
        Shape s = inputShapes[1];
        return new Shape[] {s, s};
    }
}
