package io.volsurf.forecaster.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    private final SyntheticSeries series = new SyntheticSeries(0.5, 0.15);

    @Test
    void stickyExpiryCarriesTheVolOfTodaysSlicesAtTenorPlusGap() {
        List<CanonicalSurface> s = series.surfaces("AAA", 0.04, 3, 1);
        SurfaceHistory h = SurfaceHistory.of(s.subList(0, 1), 3);
        SurfaceForecast f = new StickyExpiryForecaster().forecast(h);
        CanonicalSurface today = s.get(0);
        double target = (7 + 3) / 365.0;
        SmileSlice lo = null;
        SmileSlice hi = null;
        for (SmileSlice sl : today.slices()) {
            if (sl.maturityYears() <= target) {
                lo = sl;
            } else if (hi == null) {
                hi = sl;
            }
        }
        double k = today.logMoneyness()[0];
        double expected;
        if (lo == null) {
            expected = hi.svi().totalVariance(k) * target / hi.maturityYears();
        } else {
            double u = (target - lo.maturityYears()) / (hi.maturityYears() - lo.maturityYears());
            expected = (1 - u) * lo.svi().totalVariance(k) + u * hi.svi().totalVariance(k);
        }
        // the vol of the expiry 10 days out today is tomorrow's 7-day vol, so the total variance scales by 7/10
        assertEquals(Math.sqrt(expected / target), f.impliedVol(0), 1e-14);
        assertEquals(expected * 7 / 10, f.totalVariance()[0], 1e-15);
        assertEquals(today.session().plusDays(3), f.forecastFor());
    }

    /**
     * On a flat 20% surface every expiry keeps its vol, so sticky-expiry must forecast 20% in every cell after a
     * weekday and after a weekend: carrying today's total variance at tau + gap instead would give
     * {@code 20% sqrt((tau + gap) / tau)}, 23.9% at 7 days after a weekend.
     */
    @Test
    void stickyExpiryForecastsAFlatSurfaceUnchangedWhateverTheGap() {
        GridSpec spec = GridSpec.defaultSpec();
        double vol = 0.20;
        CanonicalSurface surface = SyntheticSeries.flatSurface("FLAT", LocalDate.of(2026, 7, 24), vol, spec);
        double[] k = surface.logMoneyness();
        int n = spec.cellCount();
        for (int gap : new int[] {1, 3, 4}) {
            SurfaceForecast f = new StickyExpiryForecaster().forecast(SurfaceHistory.of(List.of(surface), gap));
            for (int c = 0; c < n; c++) {
                assertEquals(vol, f.impliedVol(c), 1e-12, "gap " + gap + " cell " + c);
                assertEquals(k[c], f.logMoneyness()[c], 1e-12, "tomorrow's knot, gap " + gap + " cell " + c);
            }
        }
    }

    @Test
    void carryForwardKeepsObservedCellsAndFillsMaskedOnes() {
        CanonicalSurface today = series.surfaces("AAA", 0.04, 1, 2).get(0);
        SurfaceForecast f = new CarryForwardForecaster().forecast(SurfaceHistory.of(List.of(today), 1));
        for (int c = 0; c < today.spec().cellCount(); c++) {
            if (today.mask()[c]) {
                assertEquals(today.totalVariance()[c], f.totalVariance()[c], 0);
            } else {
                assertTrue(Double.isFinite(f.totalVariance()[c]) && f.totalVariance()[c] > 0);
            }
        }
    }
}
