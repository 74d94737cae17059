package io.volsurf.forecaster.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.calendar.BusinessTime;
import io.volsurf.forecaster.calendar.ContinuousCalendar;
import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.svi.SviParams;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BusinessTimeStickyExpiryTest {

    private static final NyseCalendar NYSE = new NyseCalendar();

    /**
     * A surface flat in business time: every expiry's total variance is {@code s^2 B(today, expiry) / 365} with
     * non-trading days weighted {@code theta}; SVI slices listed every day for a year, so readings at whole days are
     * exact.
     */
    static CanonicalSurface businessFlat(String ticker, LocalDate day, double s, double theta, TradingCalendar cal,
            GridSpec spec) {
        BusinessTime clock = new BusinessTime(cal, theta);
        List<SmileSlice> slices = new ArrayList<>();
        for (int d = 1; d <= 400; d++) {
            double t = d / 365.0;
            double w = s * s * clock.between(day, day.plusDays(d)) / 365.0;
            slices.add(new SmileSlice(day.plusDays(d), t, 100, new SviParams(w, 0, 0, 0, 0.1), -1, 1, 20, 0.1));
        }
        int n = spec.cellCount();
        double[] k = new double[n];
        double[] w = new double[n];
        double[] iv = new double[n];
        boolean[] mask = new boolean[n];
        double[] hs = new double[n];
        for (int c = 0; c < n; c++) {
            int m = c / spec.knotCount();
            double t = spec.tenorYears(m);
            w[c] = s * s * clock.between(day, day.plusDays(spec.tenorsDays()[m])) / 365.0;
            iv[c] = Math.sqrt(w[c] / t);
            k[c] = spec.logMoneyness(c % spec.knotCount(), t, iv[c]);
            mask[c] = true;
            hs[c] = Double.NaN;
        }
        return new CanonicalSurface(ticker, day, day.atTime(20, 0).toInstant(ZoneOffset.UTC), 100, spec, k, w, iv,
                mask, hs, slices);
    }

    /**
     * A surface flat in business time stays flat in business time whatever the gap: after a weekday, a weekend and
     * a holiday weekend (2026-07-03 is the observed Independence Day) each expiry keeps its variance per business
     * day, so tomorrow's tau-day cell is {@code s^2 B(t', t' + tau) / 365} at tomorrow's knots.
     */
    @Test
    void aSurfaceFlatInBusinessTimeStaysFlatWhateverTheGap() {
        GridSpec spec = GridSpec.defaultSpec();
        double s = 0.25;
        for (double theta : new double[] {0.0, 0.1, 0.5, 1.0}) {
            BusinessTime clock = new BusinessTime(NYSE, theta);
            for (LocalDate[] pair : new LocalDate[][] {
                    {LocalDate.of(2026, 7, 22), LocalDate.of(2026, 7, 23)},
                    {LocalDate.of(2026, 7, 24), LocalDate.of(2026, 7, 27)},
                    {LocalDate.of(2026, 7, 2), LocalDate.of(2026, 7, 6)}}) {
                CanonicalSurface today = businessFlat("FLAT", pair[0], s, theta, NYSE, spec);
                int gap = (int) ChronoUnit.DAYS.between(pair[0], pair[1]);
                SurfaceForecast f = new BusinessTimeStickyExpiryForecaster(theta)
                        .forecast(SurfaceHistory.of(List.of(today), gap));
                assertEquals(pair[1], f.forecastFor());
                for (int c = 0; c < spec.cellCount(); c++) {
                    int m = c / spec.knotCount();
                    double t = spec.tenorYears(m);
                    double expected = s * s * clock.between(pair[1], pair[1].plusDays(spec.tenorsDays()[m])) / 365.0;
                    String at = "theta " + theta + " gap " + gap + " cell " + c;
                    assertEquals(expected, f.totalVariance()[c], 1e-13, at);
                    assertEquals(spec.logMoneyness(c % spec.knotCount(), t, Math.sqrt(expected / t)),
                            f.logMoneyness()[c], 1e-12, at);
                }
            }
        }
    }

    /** Theta = 1 is calendar time: the forecast is calendar sticky-expiry's to the last bit, whatever the gap. */
    @Test
    void thetaOneIsCalendarStickyExpiryExactly() {
        List<CanonicalSurface> s = new SyntheticSeries(0.5, 0.15).surfaces("AAA", 0.04, 12, 3);
        for (TrainingSample p : SyntheticSeries.pairs(s, 5)) {
            for (int gap : new int[] {1, 3, 4, p.history().gapDaysToNext()}) {
                SurfaceHistory h = SurfaceHistory.of(p.history().surfaces(), gap);
                SurfaceForecast cal = new StickyExpiryForecaster().forecast(h);
                SurfaceForecast bt = new BusinessTimeStickyExpiryForecaster(1.0).forecast(h);
                assertArrayEquals(cal.totalVariance(), bt.totalVariance(), 0.0);
                assertArrayEquals(cal.logMoneyness(), bt.logMoneyness(), 0.0);
            }
        }
    }

    /** A venue that trades every day (sessions on weekends) has no non-trading days: any theta is calendar time. */
    @Test
    void onAVenueThatTradesEveryDayAnyThetaIsCalendarStickyExpiry() {
        GridSpec spec = GridSpec.defaultSpec();
        ContinuousCalendar every = new ContinuousCalendar();
        List<CanonicalSurface> window = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            window.add(businessFlat("BTC", LocalDate.of(2026, 8, 7).plusDays(i), 0.5, 1.0, every, spec));
        }
        SurfaceHistory h = SurfaceHistory.of(window, 1);
        SurfaceForecast cal = new StickyExpiryForecaster().forecast(h);
        SurfaceForecast bt = new BusinessTimeStickyExpiryForecaster(0.1).forecast(h);
        assertArrayEquals(cal.totalVariance(), bt.totalVariance(), 0.0);
    }

    /**
     * On a generated market whose variance accrues with a weekend weight of 0.3 (the business vol itself moving at
     * random from day to day), the theta chosen on the pairs is 0.3: the grid search recovers the weekend effect.
     */
    @Test
    void thetaFittedOnAMarketWithAKnownWeekendEffectRecoversIt() {
        GridSpec spec = GridSpec.defaultSpec();
        double trueTheta = 0.3;
        Random random = new Random(7);
        List<CanonicalSurface> days = new ArrayList<>();
        double s = 0.3;
        for (LocalDate d = LocalDate.of(2026, 5, 4); days.size() < 40; d = d.plusDays(1)) {
            if (NYSE.isSession(d)) {
                days.add(businessFlat("WKND", d, s, trueTheta, NYSE, spec));
                s *= Math.exp(0.005 * random.nextGaussian());
            }
        }
        List<TrainingSample> pairs = SyntheticSeries.pairs(days, 1);
        BusinessTimeStickyExpiryForecaster fitted = BusinessTimeStickyExpiryForecaster.fit(pairs);
        assertEquals(trueTheta, fitted.theta(), 1e-9);
        assertTrue(BusinessTimeStickyExpiryForecaster.rmseVolPoints(fitted, pairs)
                < BusinessTimeStickyExpiryForecaster.rmseVolPoints(new StickyExpiryForecaster(), pairs));
    }

    @Test
    void thetaOutsideTheUnitIntervalIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BusinessTimeStickyExpiryForecaster(1.5));
        assertTrue(e.getMessage().contains("theta"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BusinessTimeStickyExpiryForecaster.fit(List.of()));
    }
}
