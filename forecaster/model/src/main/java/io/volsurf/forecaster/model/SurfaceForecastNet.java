package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The spatiotemporal forecaster: token embedding of every (snapshot, cell) from its masked standardised value,
 * Fourier encodings of T and k, the snapshot's lag and session features, and per-cell context (residual base,
 * roll-down, event kink); {@code layers} pre-LN {@link SpatioTemporalBlock}s; the latest snapshot's tokens plus the
 * encoded calendar gap feed the heads; SVI layer; blend.
 *
 * <p>Inputs, in the order of {@link ModelInputs}: values {@code (B,N,C)}, mask {@code (B,N,C)}, coords
 * {@code (B,C,2)}, features {@code (B,N,F)}, context {@code (B,C,3)}, gap {@code (B,1)}, base {@code (B,C)},
 * scale {@code (B,C)}, sviStart {@code (B,M,5)}, k {@code (B,C)}, gridWeight {@code (B,C)}.
 * Outputs: total variance {@code (B,C)}, SVI params {@code (B,M,5)}, SVI surface {@code (B,C)}, grid surface
 * {@code (B,C)}, SVI update {@code (B,M,5)}, grid update {@code (B,C)}.
 */
public final class SurfaceForecastNet extends AbstractBlock {

    private final ForecasterConfig config;
    private final int tenors;
    private final int knots;
    private final int featureCount;
    private final Linear valueEmbed;
    private final Linear coordEmbed;
    private final Linear featureEmbed;
    private final Linear contextEmbed;
    private final Linear gapEmbed;
    private final List<SpatioTemporalBlock> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final SviHead sviHead;
    private final GridHead gridHead;

    public SurfaceForecastNet(ForecasterConfig config, int tenors, int knots, int featureCount) {
        this.config = config;
        this.tenors = tenors;
        this.knots = knots;
        this.featureCount = featureCount;
        int d = config.dModel();
        valueEmbed = addChildBlock("valueEmbed", Linear.builder().setUnits(d).build());
        coordEmbed = addChildBlock("coordEmbed", Linear.builder().setUnits(d).build());
        featureEmbed = addChildBlock("featureEmbed", Linear.builder().setUnits(d).build());
        contextEmbed = addChildBlock("contextEmbed", Linear.builder().setUnits(d).build());
        gapEmbed = addChildBlock("gapEmbed", Linear.builder().setUnits(d).build());
        for (int i = 0; i < config.layers(); i++) {
            blocks.add(addChildBlock("block" + i, new SpatioTemporalBlock(d, config.heads(), config.dropout(),
                    config.informerMode(), config.informerFactor(), config.seed() * 1_000_003L + i)));
        }
        finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(3).build());
        sviHead = config.useSviHead() ? addChildBlock("sviHead", new SviHead(d)) : null;
        gridHead = config.useGridHead() ? addChildBlock("gridHead", new GridHead(d)) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray values = in.get(ModelInputs.VALUES);
        NDArray mask = in.get(ModelInputs.MASK);
        Shape vs = values.getShape();
        long batch = vs.get(0);
        int window = (int) vs.get(1);
        long cells = vs.get(2);
        // masked values are zeroed here as well as by the encoder: they cannot reach any output
        NDArray v = values.mul(mask).expandDims(-1).concat(mask.expandDims(-1), -1);
        NDArray h = forward(ps, valueEmbed, v, training);
        NDArray coords = in.get(ModelInputs.COORDS);
        NDArray enc = ContinuousEncoding.fourier(coords.get(new NDIndex("..., 0:1")))
                .concat(ContinuousEncoding.fourier(coords.get(new NDIndex("..., 1:2"))), -1);
        h = h.add(forward(ps, coordEmbed, enc, training).expandDims(1));
        h = h.add(forward(ps, featureEmbed, in.get(ModelInputs.FEATURES), training).expandDims(2));
        h = h.add(forward(ps, contextEmbed, in.get(ModelInputs.CONTEXT), training).expandDims(1));
        h = h.add(ContinuousEncoding.lagEncoding(values.getManager(), window, config.dModel())
                .reshape(1, window, 1, config.dModel()));
        for (SpatioTemporalBlock block : blocks) {
            h = block.forward(ps, new NDList(h, mask), training).head();
        }
        h = forward(ps, finalNorm, h, training);
        NDArray z = h.get(new NDIndex(":, -1")); // (B, C, D): the latest snapshot's tokens
        NDArray gap = forward(ps, gapEmbed, ContinuousEncoding.fourier(in.get(ModelInputs.GAP)), training);
        z = z.add(gap.expandDims(1));

        NDArray base = in.get(ModelInputs.BASE);
        NDArray scale = in.get(ModelInputs.SCALE);
        NDArray start = in.get(ModelInputs.SVI_START);
        NDArray k = in.get(ModelInputs.K).reshape(batch, tenors, knots);
        NDArray sviParams;
        NDArray sviDelta;
        if (sviHead != null) {
            NDList out = sviHead.forward(ps, new NDList(z.reshape(batch, tenors, knots, config.dModel()), start),
                    training);
            sviParams = out.get(0);
            sviDelta = out.get(1);
        } else {
            sviParams = SviConstraint.constrain(start);
            sviDelta = start.zerosLike();
        }
        NDArray wSvi = SviLayer.totalVariance(sviParams, k).reshape(batch, cells);
        NDArray gridDelta;
        NDArray wGrid;
        if (gridHead != null) {
            gridDelta = gridHead.forward(ps, new NDList(z), training).head();
            wGrid = base.add(gridDelta.mul(scale));
        } else {
            gridDelta = base.zerosLike();
            wGrid = wSvi;
        }
        NDArray gw = in.get(ModelInputs.GRID_WEIGHT);
        NDArray w = wSvi.mul(gw.neg().add(1)).add(wGrid.mul(gw));
        return new NDList(w, sviParams, wSvi, wGrid, sviDelta, gridDelta);
    }

    private static NDArray forward(ParameterStore ps, ai.djl.nn.Block block, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).head();
    }

    // the parts, for FusedInference (which reads the parameters, never changes them)
    ForecasterConfig config() {
        return config;
    }

    int tenors() {
        return tenors;
    }

    int knots() {
        return knots;
    }

    Linear valueEmbed() {
        return valueEmbed;
    }

    Linear coordEmbed() {
        return coordEmbed;
    }

    Linear featureEmbed() {
        return featureEmbed;
    }

    Linear contextEmbed() {
        return contextEmbed;
    }

    Linear gapEmbed() {
        return gapEmbed;
    }

    List<SpatioTemporalBlock> blocks() {
        return blocks;
    }

    LayerNorm finalNorm() {
        return finalNorm;
    }

    /** Null without head A. */
    SviHead sviHead() {
        return sviHead;
    }

    /** Null without head B. */
    GridHead gridHead() {
        return gridHead;
    }

    /** Zeroes both heads' output layers (the trainer calls it after initialisation, whatever the initialiser). */
    public void zeroHeadOutputs() {
        if (sviHead != null) {
            sviHead.zeroOutput();
        }
        if (gridHead != null) {
            gridHead.zeroOutput();
        }
    }

    /** Input shapes for a batch of one, to initialise the parameters. */
    public Shape[] inputShapes() {
        int n = config.window();
        int c = tenors * knots;
        return new Shape[] {new Shape(1, n, c), new Shape(1, n, c), new Shape(1, c, 2), new Shape(1, n, featureCount),
            new Shape(1, c, 3), new Shape(1, 1), new Shape(1, c), new Shape(1, c), new Shape(1, tenors, 5),
            new Shape(1, c), new Shape(1, c)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int d = config.dModel();
        int n = config.window();
        int c = tenors * knots;
        valueEmbed.initialize(manager, dataType, new Shape(1, 2));
        coordEmbed.initialize(manager, dataType, new Shape(1, 2L * ContinuousEncoding.width()));
        featureEmbed.initialize(manager, dataType, new Shape(1, featureCount));
        contextEmbed.initialize(manager, dataType, new Shape(1, 3));
        gapEmbed.initialize(manager, dataType, new Shape(1, ContinuousEncoding.width()));
        Shape h = new Shape(1, n, c, d);
        Shape mask = new Shape(1, n, c);
        for (SpatioTemporalBlock b : blocks) {
            b.initialize(manager, dataType, h, mask);
        }
        finalNorm.initialize(manager, dataType, h);
        if (sviHead != null) {
            sviHead.initialize(manager, dataType, new Shape(1, tenors, knots, d), new Shape(1, tenors, 5));
        }
        if (gridHead != null) {
            gridHead.initialize(manager, dataType, new Shape(1, c, d));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long c = (long) tenors * knots;
        Shape cells = new Shape(b, c);
        Shape svi = new Shape(b, tenors, 5);
        return new Shape[] {cells, svi, cells, cells, svi, cells};
    }
}
