package io.volsurf.forecaster.model;

import static io.volsurf.forecaster.model.OwnedArrays.maximum;
import static io.volsurf.forecaster.model.OwnedArrays.minimum;
import static io.volsurf.forecaster.model.OwnedArrays.mul;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The training loss (seed section 6), every term mask-aware and in units of each tenor's scale:
 * data (MSE or Huber on observed next-session cells), no-arbitrage (Durrleman {@code g < 0} and calendar decrease of
 * the SVI head on a fine grid), temporal (distance to carry-forward plus drift), smoothness (SVI update across
 * maturities, grid update along k) and bid-ask (outside mid +/- half-spread).
 */
public final class ForecastLoss {

    /** Positions in the loss-side list built by {@link EncodedBatch}. */
    static final int TARGET = 0;
    static final int TARGET_MASK = 1;
    static final int TEMPORAL = 2;
    static final int HALF_SPREAD = 3;
    static final int SPREAD_MASK = 4;
    static final int FINE_K = 5;

    private static final float G_PENALTY_CAP = 10f;
    /** Total variance floor of the vol-point loss (keeps the square root's gradient finite). */
    private static final float VOL_FLOOR_W = 1e-8f;

    private final ForecasterConfig config;

    public ForecastLoss(ForecasterConfig config) {
        this.config = config;
    }

    /**
     * @param out    the network's outputs
     * @param in     the network's inputs (scale is read from them)
     * @param labels the loss-side arrays
     * @return the weighted total (a scalar)
     */
    public NDArray total(NDList out, NDList in, NDList labels) {
        LossWeights lw = config.lossWeights();
        NDArray loss = mul(dataTerm(out, in, labels), (float) lw.data());
        if (lw.noarb() > 0 && config.useSviHead()) {
            loss = loss.add(mul(noArbitrageTerm(out, in, labels), (float) lw.noarb()));
        }
        if (lw.temporal() > 0) {
            NDArray e = out.get(ModelInputs.OUT_W).sub(labels.get(TEMPORAL)).div(in.get(ModelInputs.SCALE));
            loss = loss.add(mul(e.square().mean(), (float) lw.temporal()));
        }
        if (lw.smooth() > 0) {
            loss = loss.add(mul(smoothnessTerm(out), (float) lw.smooth()));
        }
        if (lw.correction() > 0) {
            loss = loss.add(mul(correctionTerm(out, in), (float) lw.correction()));
        }
        if (lw.bidAsk() > 0) {
            NDArray gap = out.get(ModelInputs.OUT_W).sub(labels.get(TARGET)).abs().sub(labels.get(HALF_SPREAD));
            NDArray v = Activation.relu(gap).div(in.get(ModelInputs.SCALE)).square();
            loss = loss.add(mul(maskedMean(v, labels.get(SPREAD_MASK)), (float) lw.bidAsk()));
        }
        return loss;
    }

    /** Each term unweighted, for diagnostics: data, noarb, temporal, smooth, bidAsk. */
    public float[] terms(NDList out, NDList in, NDList labels) {
        NDArray e = out.get(ModelInputs.OUT_W).sub(labels.get(TEMPORAL)).div(in.get(ModelInputs.SCALE));
        NDArray gap = out.get(ModelInputs.OUT_W).sub(labels.get(TARGET)).abs().sub(labels.get(HALF_SPREAD));
        NDArray v = Activation.relu(gap).div(in.get(ModelInputs.SCALE)).square();
        return new float[] {dataTerm(out, in, labels).getFloat(),
            config.useSviHead() ? noArbitrageTerm(out, in, labels).getFloat() : 0f, e.square().mean().getFloat(),
            smoothnessTerm(out).getFloat(), maskedMean(v, labels.get(SPREAD_MASK)).getFloat()};
    }

    /**
     * Masked MSE (or Huber with delta 1) of the blended surface in scale units, or in vol points with
     * {@code vol_point_loss}: the validation metric too.
     */
    public NDArray dataTerm(NDList out, NDList in, NDList labels) {
        NDArray e = config.volPointLoss()
                ? volPoints(out.get(ModelInputs.OUT_W), in).sub(volPoints(labels.get(TARGET), in))
                : out.get(ModelInputs.OUT_W).sub(labels.get(TARGET)).div(in.get(ModelInputs.SCALE));
        NDArray per;
        if (config.huber()) {
            NDArray a = e.abs();
            NDArray quad = minimum(a, 1f);
            per = mul(quad.square(), 0.5f).add(a.sub(quad));
        } else {
            per = e.square();
        }
        return maskedMean(per, labels.get(TARGET_MASK));
    }

    /** Implied vol in vol points of each cell's total variance; the tenor (years) is the first coordinate. */
    static NDArray volPoints(NDArray w, NDList in) {
        NDArray years = in.get(ModelInputs.COORDS).get(new NDIndex("..., 0"));
        return mul(maximum(w, VOL_FLOOR_W).div(years).sqrt(), 100f);
    }

    /** Mean square of the change from the residual base, in units of each tenor's scale (shrinks the correction). */
    NDArray correctionTerm(NDList out, NDList in) {
        return out.get(ModelInputs.OUT_W).sub(in.get(ModelInputs.BASE)).div(in.get(ModelInputs.SCALE)).square().mean();
    }

    NDArray noArbitrageTerm(NDList out, NDList in, NDList labels) {
        NDArray params = out.get(ModelInputs.OUT_SVI);
        NDArray fineK = labels.get(FINE_K);
        NDArray g = SviLayer.durrlemanG(params, fineK);
        NDArray butterfly = minimum(Activation.relu(g.neg()), G_PENALTY_CAP).mean();
        Shape ps = params.getShape();
        long tenors = ps.get(1);
        if (tenors < 2) {
            return butterfly;
        }
        // calendar: each tenor's smile against the previous tenor's on the previous tenor's fine grid
        NDArray kPrev = fineK.get(new NDIndex(":, :-1, :"));
        NDArray wPrev = SviLayer.totalVariance(params.get(new NDIndex(":, :-1, :")), kPrev);
        NDArray wNext = SviLayer.totalVariance(params.get(new NDIndex(":, 1:, :")), kPrev);
        long batch = ps.get(0);
        long knots = in.get(ModelInputs.SCALE).getShape().get(1) / tenors;
        NDArray scale = in.get(ModelInputs.SCALE).reshape(batch, tenors, knots).get(new NDIndex(":, 1:, 0:1"));
        NDArray calendar = Activation.relu(wPrev.sub(wNext)).div(scale).mean();
        return butterfly.add(calendar);
    }

    NDArray smoothnessTerm(NDList out) {
        NDArray sviDelta = out.get(ModelInputs.OUT_SVI_DELTA);
        NDArray total = sviDelta.getManager().zeros(new Shape());
        long tenors = sviDelta.getShape().get(1);
        if (tenors > 1) {
            NDArray d = sviDelta.get(new NDIndex(":, 1:, :")).sub(sviDelta.get(new NDIndex(":, :-1, :")));
            total = total.add(d.square().mean());
        }
        NDArray gridDelta = out.get(ModelInputs.OUT_GRID_DELTA);
        long cells = gridDelta.getShape().get(1);
        long knots = cells / tenors;
        if (knots > 2) {
            NDArray g = gridDelta.reshape(gridDelta.getShape().get(0), tenors, knots);
            NDArray second = g.get(new NDIndex(":, :, 2:")).sub(mul(g.get(new NDIndex(":, :, 1:-1")), 2f))
                    .add(g.get(new NDIndex(":, :, :-2")));
            total = total.add(second.square().mean());
        }
        return total;
    }

    static NDArray maskedMean(NDArray values, NDArray mask) {
        return values.mul(mask).sum().div(maximum(mask.sum(), 1f));
    }
}
