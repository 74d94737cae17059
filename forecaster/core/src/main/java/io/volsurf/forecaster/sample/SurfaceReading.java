package io.volsurf.forecaster.sample;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import java.util.List;

/**
 * Reads one session's surface at any maturity and log-moneyness: through the listed-expiry SVI slices,
 * linear in total variance across expiries at fixed {@code k} (constant implied vol outside the listed range);
 * without slices, through the grid's observed cells of the same knot column. Only observed data is read, so
 * masked cells never leak into a reading.
 */
public final class SurfaceReading {

    private final CanonicalSurface surface;
    private final List<SmileSlice> slices;

    public SurfaceReading(CanonicalSurface surface) {
        this.surface = surface;
        this.slices = surface.slices().stream().filter(s -> s.maturityYears() > 0).toList();
    }

    /**
     * Total variance at {@code maturityYears} and log-moneyness {@code k}; {@code knotIndex} is the grid column
     * used when the session has no slices. NaN when nothing supports the reading.
     */
    public double totalVariance(double maturityYears, double k, int knotIndex) {
        if (!(maturityYears > 0)) {
            throw new IllegalArgumentException("maturityYears must be > 0, got " + maturityYears);
        }
        if (!slices.isEmpty()) {
            return fromSlices(maturityYears, k);
        }
        return fromGridColumn(maturityYears, knotIndex);
    }

    /** Carry-forward value of a cell: the observed grid value, else a reading at the cell's own tenor. */
    public double cellOrReading(int cell) {
        if (surface.mask()[cell] && Double.isFinite(surface.totalVariance()[cell])) {
            return surface.totalVariance()[cell];
        }
        GridSpec spec = surface.spec();
        int tenor = cell / spec.knotCount();
        return totalVariance(spec.tenorYears(tenor), cellLogMoneyness(cell), cell % spec.knotCount());
    }

    /** Log-moneyness of a cell: the surface's value, or the knot itself where the surface gives none. */
    public double cellLogMoneyness(int cell) {
        double k = surface.logMoneyness()[cell];
        if (Double.isFinite(k)) {
            return k;
        }
        GridSpec spec = surface.spec();
        double knot = spec.knots()[cell % spec.knotCount()];
        return switch (spec.scaling()) {
            case SQRT_T -> knot * Math.sqrt(spec.tenorYears(cell / spec.knotCount()));
            default -> knot;
        };
    }

    private double fromSlices(double t, double k) {
        SmileSlice first = slices.get(0);
        if (t <= first.maturityYears()) {
            return first.svi().totalVariance(k) * t / first.maturityYears();
        }
        SmileSlice last = slices.get(slices.size() - 1);
        if (t >= last.maturityYears()) {
            return last.svi().totalVariance(k) * t / last.maturityYears();
        }
        for (int i = 1; i < slices.size(); i++) {
            SmileSlice hi = slices.get(i);
            if (t <= hi.maturityYears()) {
                SmileSlice lo = slices.get(i - 1);
                double span = hi.maturityYears() - lo.maturityYears();
                double u = span > 0 ? (t - lo.maturityYears()) / span : 1.0;
                return (1 - u) * lo.svi().totalVariance(k) + u * hi.svi().totalVariance(k);
            }
        }
        return last.svi().totalVariance(k);
    }

    private double fromGridColumn(double t, int knot) {
        GridSpec spec = surface.spec();
        int knots = spec.knotCount();
        double loT = Double.NaN;
        double loW = Double.NaN;
        double hiT = Double.NaN;
        double hiW = Double.NaN;
        for (int m = 0; m < spec.tenorCount(); m++) {
            int cell = m * knots + knot;
            if (!surface.mask()[cell] || !Double.isFinite(surface.totalVariance()[cell])) {
                continue;
            }
            double tm = spec.tenorYears(m);
            if (tm <= t) {
                loT = tm;
                loW = surface.totalVariance()[cell];
            } else if (Double.isNaN(hiT)) {
                hiT = tm;
                hiW = surface.totalVariance()[cell];
            }
        }
        if (!Double.isNaN(loT) && !Double.isNaN(hiT)) {
            double u = (t - loT) / (hiT - loT);
            return (1 - u) * loW + u * hiW;
        }
        if (!Double.isNaN(loT)) {
            return loW * t / loT;
        }
        if (!Double.isNaN(hiT)) {
            return hiW * t / hiT;
        }
        return Double.NaN;
    }
}
