package io.volsurf.forecaster.grid;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stored session's surface on another grid, sampled from the session's stored SVI slices by the sampler ingest
 * uses ({@link GridSampler}): the same interpolation in maturity and the same observed-cell rule (a cell is an
 * observation only inside the listed maturities and the quoted k range of both bracketing slices). No chain is
 * read again. Stateless.
 */
public final class SurfaceRegridder {

    private final GridSampler sampler = new GridSampler();

    /**
     * {@code stored} on {@code target}: the stored surface itself (every cell as stored) when its grid already is
     * {@code target}, else {@link #resample}.
     */
    public CanonicalSurface regrid(CanonicalSurface stored, GridSpec target, Map<LocalDate, HalfSpreadCurve> spreads) {
        return stored.spec().equals(target) ? stored : resample(stored, target, spreads);
    }

    /**
     * Samples {@code stored}'s slices onto {@code target}, whatever grid it is on.
     *
     * @param spreads each listed expiry's half-spread curve (from the quotes the slice was fitted to); an expiry
     *                without one has no half-spread (NaN cells), which only drops the bid-ask weight of its cells
     */
    public CanonicalSurface resample(CanonicalSurface stored, GridSpec target, Map<LocalDate, HalfSpreadCurve> spreads) {
        List<HalfSpreadCurve> curves = new ArrayList<>(stored.slices().size());
        for (SmileSlice s : stored.slices()) {
            curves.add(spreads.getOrDefault(s.expiry(), HalfSpreadCurve.none()));
        }
        GridSampler.GridValues g = sampler.sample(target, stored.slices(), curves);
        return new CanonicalSurface(stored.ticker(), stored.session(), stored.asOf(), stored.spot(), target,
                g.logMoneyness(), g.totalVariance(), g.impliedVol(), g.mask(), g.halfSpreadVol(), stored.slices());
    }
}
