package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.calendar.BusinessTime;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.SurfaceReading;
import io.volsurf.forecaster.sample.TrainingSample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Sticky-expiry carried in business time. The expiry that is {@code tau} calendar days out tomorrow is
 * {@code tau + gap} days out today; its remaining total variance is assumed to accrue evenly per business day
 * ({@link BusinessTime}: sessions 1, non-trading days theta), so tomorrow it holds
 * {@code w_today(tau + gap, k) * B(t', T) / B(t, T)} at the same log-moneyness, read as tomorrow's tau-day cell.
 * After a weekend the short expiries keep most of their variance (the weekend carried little), where calendar
 * sticky-expiry ({@code theta = 1}) would take 3/(tau + 3) of it away.
 *
 * <p>The venue's calendar is inferred from the history's sessions and the session forecast
 * ({@link TradingCalendar#inferredFrom}: any weekend session means a venue that trades every day, where business time
 * is calendar time). With {@link MoneynessScaling#ATM_STD} knots the cells sit at tomorrow's knots under the forecast's
 * own ATM vol, as in {@link StickyExpiryForecaster}.
 *
 * @param theta weight of a non-trading day in [0, 1]; chosen on training pairs by {@link #fit}
 */
public record BusinessTimeStickyExpiryForecaster(double theta) implements SurfaceForecaster {

    /** Report name; fixed (evaluate's JSON). */
    public static final String NAME = "businessTimeStickyExpiry";

    /** Theta candidates of {@link #fit}: 0 to 1 in steps of 0.05. */
    public static final int GRID_STEPS = 20;

    public BusinessTimeStickyExpiryForecaster {
        if (!(theta >= 0 && theta <= 1)) {
            throw new IllegalArgumentException("business-time theta must lie in [0, 1], got " + theta);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The theta on the grid 0, 0.05, ..., 1 whose forecasts of {@code training}'s targets have the lowest RMSE in vol
     * points over the observed cells; ties go to the larger theta (closer to calendar time).
     */
    public static BusinessTimeStickyExpiryForecaster fit(List<TrainingSample> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("training: no pairs to choose the business-time theta on");
        }
        double bestTheta = 1.0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = GRID_STEPS; i >= 0; i--) {
            double theta = (double) i / GRID_STEPS;
            double rmse = rmseVolPoints(new BusinessTimeStickyExpiryForecaster(theta), training);
            if (rmse < best - 1e-12) {
                best = rmse;
                bestTheta = theta;
            }
        }
        return new BusinessTimeStickyExpiryForecaster(bestTheta);
    }

    /** RMSE in vol points of {@code f} on the observed cells of the pairs' targets. */
    static double rmseVolPoints(SurfaceForecaster f, List<TrainingSample> pairs) {
        double sq = 0;
        long n = 0;
        for (TrainingSample p : pairs) {
            SurfaceForecast fc = f.forecast(p.history());
            CanonicalSurface target = p.target();
            GridSpec spec = target.spec();
            for (int c = 0; c < spec.cellCount(); c++) {
                double w = target.totalVariance()[c];
                if (!target.mask()[c] || !Double.isFinite(w) || w < 0) {
                    continue;
                }
                double e = 100 * (fc.impliedVol(c) - Math.sqrt(w / spec.tenorYears(c / spec.knotCount())));
                sq += e * e;
                n++;
            }
        }
        return n > 0 ? Math.sqrt(sq / n) : 0;
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        return forecast(history, calendarOf(history));
    }

    /** The venue's calendar as the history shows it: its sessions and the session forecast. */
    static TradingCalendar calendarOf(SurfaceHistory history) {
        List<LocalDate> seen = new ArrayList<>();
        history.surfaces().forEach(h -> seen.add(h.session()));
        seen.add(history.latest().session().plusDays(history.gapDaysToNext()));
        return TradingCalendar.inferredFrom(seen);
    }

    /** The forecast with the venue's calendar given (a caller that has inferred it from a longer history). */
    SurfaceForecast forecast(SurfaceHistory history, TradingCalendar calendar) {
        CanonicalSurface s = history.latest();
        LocalDate today = s.session();
        LocalDate next = today.plusDays(history.gapDaysToNext());
        BusinessTime clock = new BusinessTime(calendar, theta);
        int gap = history.gapDaysToNext();
        GridSpec spec = s.spec();
        double[] ratio = new double[spec.tenorCount()];
        int[] tenors = spec.tenorsDays();
        // one pass over the days after the next session: B(t', t' + tau) for every tenor, increasing
        double gapBusiness = clock.between(today, next);
        double remainingTomorrow = 0;
        LocalDate day = next;
        for (int m = 0; m < ratio.length; m++) {
            LocalDate expiry = next.plusDays(tenors[m]);
            while (day.isBefore(expiry)) {
                day = day.plusDays(1);
                remainingTomorrow += clock.weight(day);
            }
            double remainingToday = gapBusiness + remainingTomorrow;
            // in years, as the calendar version divides, so that theta = 1 reproduces it to the last bit
            ratio[m] = remainingToday > 0 ? (remainingTomorrow / 365.0) / (remainingToday / 365.0)
                    : spec.tenorYears(m) / ((tenors[m] + gap) / 365.0);
        }
        return StickyExpiryForecaster.carried(history, ratio);
    }
}
