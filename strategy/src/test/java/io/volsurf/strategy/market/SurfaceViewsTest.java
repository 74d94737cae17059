package io.volsurf.strategy.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.projector.ProjectionReport;
import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurfaceViewsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Test
    void surfaceVolatilityReadsTheSlicesAndInterpolatesTotalVarianceInMaturity() {
        SviParams s1 = new SviParams(0.004, 0.05, -0.4, 0.0, 0.1);
        SviParams s2 = new SviParams(0.02, 0.08, -0.3, 0.01, 0.15);
        double t1 = 30 / 365.0, t2 = 90 / 365.0;
        SurfaceVolatility vols = new SurfaceVolatility(List.of(
                new SmileSlice(DAY.plusDays(90), t2, 102, s2, -0.3, 0.3, 20, 0.5),
                new SmileSlice(DAY.plusDays(30), t1, 100.5, s1, -0.2, 0.2, 20, 0.5)));
        // on a slice: its SVI at ln(K/F)
        assertEquals(s1.impliedVol(Math.log(95 / 100.5), t1), vols.volatility(t1, 95), 1e-14);
        assertEquals(s2.impliedVol(Math.log(110 / 102.0), t2), vols.volatility(t2, 110), 1e-14);
        // halfway: total variance linear in T at fixed k, k against the interpolated forward
        double t = 60 / 365.0;
        double f = Math.exp(0.5 * Math.log(100.5) + 0.5 * Math.log(102));
        double k = Math.log(100 / f);
        double w = 0.5 * s1.totalVariance(k) + 0.5 * s2.totalVariance(k);
        assertEquals(Math.sqrt(w / t), vols.volatility(t, 100), 1e-14);
        // flat vol beyond the listed maturities
        assertEquals(s2.impliedVol(Math.log(100 / 102.0), t2), vols.volatility(1.0, 100), 1e-14);
    }

    @Test
    void surfaceForecastViewInterpolatesTheGridAndReportsArbitrage() {
        GridSpec spec = new GridSpec(new int[] {30, 90}, new double[] {-0.1, 0.0, 0.1}, MoneynessScaling.LOG_MONEYNESS);
        double t1 = 30 / 365.0, t2 = 90 / 365.0;
        double[] k = {-0.1, 0.0, 0.1, -0.1, 0.0, 0.1};
        double[] vol = {0.25, 0.20, 0.18, 0.24, 0.21, 0.19};
        double[] w = new double[6];
        for (int i = 0; i < 6; i++) {
            w[i] = vol[i] * vol[i] * (i < 3 ? t1 : t2);
        }
        SurfaceForecast f = new SurfaceForecast("TST", DAY.plusDays(1), spec, k, w, List.of(),
                new ProjectionReport(1, 2, 0, 1, 0, 0));
        SurfaceForecastView view = new SurfaceForecastView(f);
        assertEquals(DAY.plusDays(1), view.forecastFor());
        assertEquals(1, view.arbitrageViolations().getAsInt());
        assertEquals(0.20, view.impliedVol(t1, 0.0), 1e-14);
        assertEquals(0.19, view.impliedVol(t2, 0.1), 1e-14);
        // within a row: total variance linear in k
        assertEquals(Math.sqrt(0.5 * (w[0] + w[1]) / t1), view.impliedVol(t1, -0.05), 1e-14);
        // across rows at fixed k: linear in T
        double t = 60 / 365.0;
        assertEquals(Math.sqrt(0.5 * (w[1] + w[4]) / t), view.impliedVol(t, 0.0), 1e-14);
        // short maturities keep the first row's vol; outside the knots the edge's total variance
        assertEquals(0.20, view.impliedVol(1 / 365.0, 0.0), 1e-14);
        assertEquals(0.25, view.impliedVol(t1, -0.5), 1e-14);
        assertTrue(Double.isNaN(view.impliedVol(0.0, 0.0)));
    }

    @Test
    void surfaceForecastViewUsesPerTenorSviWhenGiven() {
        GridSpec spec = new GridSpec(new int[] {30, 90}, new double[] {0.0}, MoneynessScaling.LOG_MONEYNESS);
        SviParams a = new SviParams(0.003, 0.04, -0.5, 0.0, 0.1);
        SviParams b = new SviParams(0.01, 0.05, -0.4, 0.0, 0.1);
        SurfaceForecast f = new SurfaceForecast("TST", DAY.plusDays(1), spec, new double[] {0, 0},
                new double[] {a.totalVariance(0), b.totalVariance(0)}, List.of(a, b), null);
        SurfaceForecastView view = new SurfaceForecastView(f);
        assertTrue(view.arbitrageViolations().isEmpty());
        assertEquals(a.impliedVol(0.07, 30 / 365.0), view.impliedVol(30 / 365.0, 0.07), 1e-14);
    }
}
