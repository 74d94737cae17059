package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.SurfaceReading;
import java.util.List;

/**
 * Sticky-expiry carry-forward: tomorrow's tau-day cell carries the implied vol of the expiry that is tau days out
 * tomorrow, read on today's surface at tau plus the calendar days to the next session (the same expiry), through
 * the listed-expiry SVI slices interpolated linearly in total variance. Nothing is fitted; on the real data it beats
 * fixed-tenor carry-forward at short tenors and after weekends.
 *
 * <p>The vol is carried, not the total variance: today's {@code w(tau + gap)} spans the gap too, so as tomorrow's
 * tau-day total variance it would overstate the 7-day vol by {@code sqrt(10/7) - 1 = 20%} after a weekend. With
 * {@link MoneynessScaling#ATM_STD} knots the cell's log-moneyness is tomorrow's knot under the same forecast
 * ({@code z sigma_ATM(tau + gap) sqrt(tau)}), where the realised surface will be read.
 */
public final class StickyExpiryForecaster implements SurfaceForecaster {

    @Override
    public String name() {
        return "stickyExpiry";
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        GridSpec spec = history.latest().spec();
        int gap = history.gapDaysToNext();
        double[] ratio = new double[spec.tenorCount()];
        for (int m = 0; m < ratio.length; m++) {
            ratio[m] = spec.tenorYears(m) / Act365F.yearsOfDays(spec.tenorsDays()[m] + gap);
        }
        return carried(history, ratio);
    }

    /**
     * Today's smile of the expiry that is each tenor out tomorrow (read at tenor + gap), its total variance at fixed
     * {@code k} times {@code keptShare[tenor]}: the share of its remaining variance still to come tomorrow
     * ({@code tau / (tau + gap)} in calendar time, {@code B(t', T) / B(t, T)} in business time).
     */
    static SurfaceForecast carried(SurfaceHistory history, double[] keptShare) {
        CanonicalSurface s = history.latest();
        GridSpec spec = s.spec();
        SurfaceReading reading = new SurfaceReading(s);
        int knots = spec.knotCount();
        int n = spec.cellCount();
        int gap = history.gapDaysToNext();
        double[] w = new double[n];
        double[] k = new double[n];
        for (int m = 0; m < spec.tenorCount(); m++) {
            double tenorYears = spec.tenorYears(m);
            double shiftedYears = Act365F.yearsOfDays(spec.tenorsDays()[m] + gap);
            // the forecast's ATM vol needs the slices; a grid-only surface keeps today's cell coordinates
            double atmVol = s.slices().isEmpty() ? Double.NaN
                    : Math.sqrt(reading.totalVariance(shiftedYears, 0.0, knots / 2) * keptShare[m] / tenorYears);
            for (int j = 0; j < knots; j++) {
                int c = m * knots + j;
                k[c] = spec.scaling() == MoneynessScaling.ATM_STD && atmVol > 0
                        ? spec.logMoneyness(j, tenorYears, atmVol)
                        : reading.cellLogMoneyness(c);
                double v = reading.totalVariance(shiftedYears, k[c], j);
                if (Double.isFinite(v) && v >= 0) {
                    w[c] = v * keptShare[m];
                } else {
                    // no support at the shifted maturity: fall back to the fixed-tenor value
                    k[c] = reading.cellLogMoneyness(c);
                    w[c] = reading.cellOrReading(c);
                }
            }
        }
        return new SurfaceForecast(s.ticker(), s.session().plusDays(gap), spec, k, GridFill.fillGaps(spec, w),
                List.of(), null);
    }
}
