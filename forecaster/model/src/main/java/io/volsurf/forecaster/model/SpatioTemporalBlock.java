package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LayerNorm encoder block (not DJL's TransformerEncoderBlock, which normalises with BatchNorm):
 * {@code h += drop(fuse(temporal(LN(h)), crossSectional(LN(h))))}, then {@code h += drop(FFN(LN(h)))}.
 * Inputs {@code h (B, N, C, D)}, {@code mask (B, N, C)}; output {@code (B, N, C, D)}.
 */
public final class SpatioTemporalBlock extends AbstractBlock {

    private final int dModel;
    private final LayerNorm temporalNorm;
    private final LayerNorm crossNorm;
    private final LayerNorm ffnNorm;
    private final TemporalAttention temporal;
    private final CrossSectionalAttention crossSectional;
    private final GatedFusion fusion;
    private final Linear ffnIn;
    private final Linear ffnOut;
    private final Dropout dropout;
    /** Seeds of this block's dropout masks, one per training forward pass: its own stream, whatever else runs. */
    private final java.util.SplittableRandom dropoutSeeds;

    /** @param dropoutSeed seed of the dropout masks' seeds (models trained at once draw independently of each other) */
    public SpatioTemporalBlock(int dModel, int heads, double dropoutRate, boolean informerMode, int informerFactor,
            long dropoutSeed) {
        this.dModel = dModel;
        this.dropoutSeeds = new java.util.SplittableRandom(dropoutSeed);
        temporalNorm = addChildBlock("temporalNorm", LayerNorm.builder().axis(3).build());
        crossNorm = addChildBlock("crossNorm", LayerNorm.builder().axis(3).build());
        ffnNorm = addChildBlock("ffnNorm", LayerNorm.builder().axis(3).build());
        temporal = addChildBlock("temporal", new TemporalAttention(dModel, heads));
        crossSectional = addChildBlock("crossSectional",
                new CrossSectionalAttention(dModel, heads, informerMode, informerFactor));
        fusion = addChildBlock("fusion", new GatedFusion(dModel));
        ffnIn = addChildBlock("ffnIn", Linear.builder().setUnits(2L * dModel).build());
        ffnOut = addChildBlock("ffnOut", Linear.builder().setUnits(dModel).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate((float) dropoutRate).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray t = temporal.forward(ps, new NDList(norm(ps, temporalNorm, h, training), mask), training).head();
        NDArray s = crossSectional.forward(ps, new NDList(norm(ps, crossNorm, h, training), mask), training).head();
        NDArray fused = fusion.forward(ps, new NDList(t, s), training).head();
        h = h.add(dropped(ps, fused, training));
        NDArray f = ffnIn.forward(ps, new NDList(norm(ps, ffnNorm, h, training)), training).head();
        f = ffnOut.forward(ps, new NDList(Activation.gelu(f)), training).head();
        return new NDList(h.add(dropped(ps, f, training)));
    }

    /** Dropout in training; in inference the identity without an op (and a native array) per call. */
    private NDArray dropped(ParameterStore ps, NDArray x, boolean training) {
        if (!training) {
            return x;
        }
        long seed;
        synchronized (dropoutSeeds) {
            seed = dropoutSeeds.nextLong();
        }
        return TorchConcurrency.seeded(seed, () -> dropout.forward(ps, new NDList(x), true).head());
    }

    private static NDArray norm(ParameterStore ps, LayerNorm ln, NDArray x, boolean training) {
        return ln.forward(ps, new NDList(x), training).head();
    }

    // the parts, for FusedInference
    LayerNorm temporalNorm() {
        return temporalNorm;
    }

    LayerNorm crossNorm() {
        return crossNorm;
    }

    LayerNorm ffnNorm() {
        return ffnNorm;
    }

    MaskedAttention temporalAttention() {
        return temporal.attention();
    }

    MaskedAttention crossAttention() {
        return crossSectional.attention();
    }

    Linear fusionGate() {
        return fusion.gate();
    }

    Linear ffnIn() {
        return ffnIn;
    }

    Linear ffnOut() {
        return ffnOut;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape h = inputShapes[0];
        Shape mask = inputShapes[1];
        temporalNorm.initialize(manager, dataType, h);
        crossNorm.initialize(manager, dataType, h);
        ffnNorm.initialize(manager, dataType, h);
        temporal.initialize(manager, dataType, h, mask);
        crossSectional.initialize(manager, dataType, h, mask);
        fusion.initialize(manager, dataType, h, h);
        ffnIn.initialize(manager, dataType, new Shape(1, dModel));
        ffnOut.initialize(manager, dataType, new Shape(1, 2L * dModel));
        dropout.initialize(manager, dataType, h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
