package io.volsurf.forecaster.model;

import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;
import java.util.List;

/**
 * One history turned into the network's input arrays (row-major float arrays, shapes as in
 * {@link SurfaceForecastNet}), plus what the loss needs when the next surface is known, plus what inference needs
 * to turn outputs back into a forecast.
 *
 * @param ticker       underlying
 * @param forecastFor  the session forecast
 * @param inputs       the {@link ModelInputs#COUNT} input arrays of one sample
 * @param target       next session's total variance per cell (0 where unobserved), null without a target
 * @param targetMask   1 where the next session observes the cell (in training: times its ticker's loss weight)
 * @param temporalRef  carry-forward-plus-drift forecast per cell (the temporal term's reference)
 * @param halfSpreadW  half bid-ask spread in total-variance units per cell (0 where none)
 * @param spreadMask   1 where a spread exists and the cell is observed
 * @param fineK        per tenor the fine log-moneyness grid of the no-arbitrage penalty, {@code (M, FINE)}
 * @param kCells       log-moneyness of each forecast cell
 * @param startSmiles  per tenor the SVI fit of the residual base (the SVI head's start)
 * @param gridRows     per tenor whether the blend uses the grid head
 */
public record EncodedSample(String ticker, LocalDate forecastFor, float[][] inputs, float[] target, float[] targetMask,
        float[] temporalRef, float[] halfSpreadW, float[] spreadMask, float[] fineK, double[] kCells,
        List<SviParams> startSmiles, boolean[] gridRows) {

    /** Points per tenor of the no-arbitrage penalty's fine grid. */
    public static final int FINE_POINTS = 21;

    public boolean hasTarget() {
        return target != null;
    }
}
