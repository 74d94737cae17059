package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.SurfaceReading;
import java.util.List;

/**
 * The random walk at fixed tenor: tomorrow's tau-day cell is today's tau-day cell. Unobserved cells are read from
 * today's listed-expiry slices at the same tenor; a cell nothing supports falls back to its tenor row's mean.
 */
public final class CarryForwardForecaster implements SurfaceForecaster {

    @Override
    public String name() {
        return "carryForward";
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        CanonicalSurface s = history.latest();
        SurfaceReading reading = new SurfaceReading(s);
        int n = s.spec().cellCount();
        double[] w = new double[n];
        double[] k = new double[n];
        for (int c = 0; c < n; c++) {
            w[c] = reading.cellOrReading(c);
            k[c] = reading.cellLogMoneyness(c);
        }
        return new SurfaceForecast(s.ticker(), s.session().plusDays(history.gapDaysToNext()), s.spec(), k,
                GridFill.fillGaps(s.spec(), w), List.of(), null);
    }
}
