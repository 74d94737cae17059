package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.SurfaceReading;
import java.util.List;

/**
 * Sticky-expiry carry-forward: tomorrow's tau-day cell is today's surface read at tau plus the calendar days to the
 * next session (the same expiry, one gap older), through the listed-expiry SVI slices interpolated linearly in total
 * variance. Nothing is fitted; on the real data it beats fixed-tenor carry-forward at short tenors and after weekends.
 */
public final class StickyExpiryForecaster implements SurfaceForecaster {

    @Override
    public String name() {
        return "stickyExpiry";
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        CanonicalSurface s = history.latest();
        GridSpec spec = s.spec();
        SurfaceReading reading = new SurfaceReading(s);
        int knots = spec.knotCount();
        int n = spec.cellCount();
        double[] w = new double[n];
        double[] k = new double[n];
        for (int c = 0; c < n; c++) {
            int tenor = c / knots;
            k[c] = reading.cellLogMoneyness(c);
            double shiftedYears = (spec.tenorsDays()[tenor] + history.gapDaysToNext()) / 365.0;
            double v = reading.totalVariance(shiftedYears, k[c], c % knots);
            // no support at the shifted maturity: fall back to the fixed-tenor value
            w[c] = Double.isFinite(v) && v >= 0 ? v : reading.cellOrReading(c);
        }
        return new SurfaceForecast(s.ticker(), s.session().plusDays(history.gapDaysToNext()), spec, k,
                GridFill.fillGaps(spec, w), List.of(), null);
    }
}
