package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Stacks encoded samples into the network's input arrays and the loss's label arrays, in one NDManager. */
public final class EncodedBatch {

    private EncodedBatch() {
    }

    /** The network inputs of a batch; shapes from {@link SurfaceForecastNet#inputShapes()} with batch size B. */
    public static NDList inputs(NDManager manager, List<EncodedSample> samples, Shape[] shapesOfOne) {
        NDList list = new NDList(ModelInputs.COUNT);
        for (int i = 0; i < ModelInputs.COUNT; i++) {
            list.add(stack(manager, samples, i, shapesOfOne[i]));
        }
        return list;
    }

    /** The loss-side arrays: target, targetMask, temporal, halfSpread, spreadMask {@code (B, C)}, fineK {@code (B, M, F)}. */
    public static NDList labels(NDManager manager, List<EncodedSample> samples, int tenors) {
        int b = samples.size();
        int cells = samples.get(0).kCells().length;
        float[][] parts = new float[5][b * cells];
        float[] fine = new float[b * tenors * EncodedSample.FINE_POINTS];
        for (int s = 0; s < b; s++) {
            EncodedSample e = samples.get(s);
            if (!e.hasTarget()) {
                throw new IllegalArgumentException("samples: a training sample without target (" + e.ticker() + " "
                        + e.forecastFor() + ")");
            }
            System.arraycopy(e.target(), 0, parts[0], s * cells, cells);
            System.arraycopy(e.targetMask(), 0, parts[1], s * cells, cells);
            System.arraycopy(e.temporalRef(), 0, parts[2], s * cells, cells);
            System.arraycopy(e.halfSpreadW(), 0, parts[3], s * cells, cells);
            System.arraycopy(e.spreadMask(), 0, parts[4], s * cells, cells);
            System.arraycopy(e.fineK(), 0, fine, s * tenors * EncodedSample.FINE_POINTS,
                    tenors * EncodedSample.FINE_POINTS);
        }
        NDList list = new NDList(6);
        for (float[] p : parts) {
            list.add(OwnedArrays.create(manager, p, new Shape(b, cells)));
        }
        list.add(OwnedArrays.create(manager, fine, new Shape(b, tenors, EncodedSample.FINE_POINTS)));
        return list;
    }

    private static NDArray stack(NDManager manager, List<EncodedSample> samples, int index, Shape one) {
        int per = (int) one.size();
        float[] data = new float[per * samples.size()];
        for (int s = 0; s < samples.size(); s++) {
            float[] src = samples.get(s).inputs()[index];
            if (src.length != per) {
                throw new IllegalArgumentException("input " + index + " of sample " + s + " has " + src.length
                        + " values, the model expects " + per + " (" + one + ")");
            }
            System.arraycopy(src, 0, data, s * per, per);
        }
        long[] dims = one.getShape().clone();
        dims[0] = samples.size();
        return OwnedArrays.create(manager, data, new Shape(dims));
    }
}
