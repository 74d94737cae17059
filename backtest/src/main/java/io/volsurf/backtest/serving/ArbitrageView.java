package io.volsurf.backtest.serving;

import io.volsurf.forecaster.arbitrage.ArbitrageReport;
import io.volsurf.forecaster.arbitrage.MaturitySlice;
import io.volsurf.forecaster.arbitrage.SurfaceArbitrageCheck;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.projector.ProjectionReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Static-arbitrage status of a served forecast.
 *
 * @param projection          what the no-arbitrage projector found and did (null when not projected)
 * @param butterflyFree       every forecast SVI slice has Durrleman's {@code g >= 0} (null without slices)
 * @param minG                the smallest {@code g} over the slices (null without slices or where undefined)
 * @param calendarViolations  intervals where the slices' total variance decreases with maturity
 */
public record ArbitrageView(ProjectionReport projection, Boolean butterflyFree, Double minG, Double minGAtK,
        Double minGAtMaturityYears, Integer calendarViolations) {

    /** The forecast's per-tenor SVI slices checked for butterfly and calendar arbitrage (nulls without slices). */
    public static ArbitrageView of(SurfaceForecast f) {
        if (f.tenorSvi().size() != f.spec().tenorCount()) {
            return new ArbitrageView(f.projection(), null, null, null, null, null);
        }
        List<MaturitySlice> slices = new ArrayList<>();
        for (int m = 0; m < f.spec().tenorCount(); m++) {
            slices.add(new MaturitySlice(f.spec().tenorYears(m), f.tenorSvi().get(m)));
        }
        ArbitrageReport r = new SurfaceArbitrageCheck().check(slices);
        return new ArbitrageView(f.projection(), r.butterflyFree(), finiteOrNull(r.minG()), finiteOrNull(r.minGAtK()),
                finiteOrNull(r.minGAtMaturityYears()), r.calendarViolations().size());
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
