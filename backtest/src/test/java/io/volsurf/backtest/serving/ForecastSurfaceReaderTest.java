package io.volsurf.backtest.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.svi.SviParams;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read rule behind the surface and implied-vol endpoints, on a hand-built two-tenor forecast. */
class ForecastSurfaceReaderTest {

    private static final GridSpec SPEC = new GridSpec(new int[] {30, 90}, new double[] {-0.2, 0, 0.2},
            MoneynessScaling.LOG_MONEYNESS);
    private static final SviParams SHORT = new SviParams(0.002, 0.02, -0.5, 0.01, 0.1);
    private static final SviParams LONG = new SviParams(0.008, 0.04, -0.4, 0.02, 0.15);
    private static final double T30 = 30 / 365.0;
    private static final double T90 = 90 / 365.0;

    @Test
    void sviAtTenorsLinearInTotalVarianceBetweenFlatVolOutside() {
        ForecastSurfaceReader r = reader(List.of(SHORT, LONG));
        assertEquals("svi", r.source());
        for (double k : new double[] {-0.5, -0.1, 0, 0.13, 0.6}) {
            assertEquals(SHORT.totalVariance(k), r.totalVariance(T30, k), 1e-15);
            assertEquals(LONG.totalVariance(k), r.totalVariance(T90, k), 1e-15);
            assertEquals(0.5 * (SHORT.totalVariance(k) + LONG.totalVariance(k)), r.totalVariance(60 / 365.0, k), 1e-15);
            assertEquals(r.impliedVol(T90, k), r.impliedVol(2.0, k), 1e-14, "flat vol beyond the last tenor");
            assertEquals(r.impliedVol(T30, k), r.impliedVol(1 / 365.0, k), 1e-14, "flat vol before the first tenor");
        }
    }

    @Test
    void calendarOrderedSlicesGiveTotalVarianceNonDecreasingInMaturity() {
        ForecastSurfaceReader r = reader(List.of(SHORT, LONG));
        for (double k = -1; k <= 1; k += 0.05) {
            assertTrue(LONG.totalVariance(k) >= SHORT.totalVariance(k), "fixture must be calendar-free at " + k);
            double prev = 0;
            for (double t = 0.001; t < 3; t += 0.01) {
                double w = r.totalVariance(t, k);
                assertTrue(w >= prev - 1e-15, "w decreased at T=" + t + " k=" + k);
                prev = w;
            }
        }
    }

    @Test
    void forwardIsLogLinearFromSpotThroughSlicesThenLastCarry() {
        ForecastSurfaceReader r = reader(List.of(SHORT, LONG));
        assertEquals(100.0, r.forward(1e-9), 1e-6);
        assertEquals(101.0, r.forward(0.1), 1e-12);
        assertEquals(104.0, r.forward(0.5), 1e-12);
        assertEquals(Math.exp(0.5 * (Math.log(101) + Math.log(104))), r.forward(0.3), 1e-12);
        double carry = (Math.log(104) - Math.log(101)) / 0.4;
        assertEquals(104 * Math.exp(carry * 0.5), r.forward(1.0), 1e-9);
    }

    @Test
    void extrapolationIsFlaggedOutsideTenorsAndKnots() {
        ForecastSurfaceReader r = reader(List.of(SHORT, LONG));
        assertFalse(r.extrapolated(60 / 365.0, 0.1));
        assertFalse(r.extrapolated(T30, -0.2));
        assertTrue(r.extrapolated(60 / 365.0, 0.3));
        assertTrue(r.extrapolated(10 / 365.0, 0));
        assertTrue(r.extrapolated(1.0, 0));
        // On a tenor only its own knots count (the 90-day row here spans the same k; a wider row would not flag).
        assertFalse(r.extrapolated(T90, 0.2));
        assertTrue(r.extrapolated(T90, 0.21));
    }

    @Test
    void gridOnlyForecastInterpolatesCellsAndHoldsTheEdges() {
        ForecastSurfaceReader r = reader(List.of());
        assertEquals("grid", r.source());
        double[] w = cells(List.of(SHORT, LONG));
        assertEquals(w[1], r.totalVariance(T30, 0), 1e-15);
        assertEquals(0.5 * (w[1] + w[2]), r.totalVariance(T30, 0.1), 1e-15);
        assertEquals(w[2], r.totalVariance(T30, 0.9), 1e-15, "flat beyond the last knot");
        assertEquals(w[3], r.totalVariance(T90, -0.7), 1e-15, "flat before the first knot");
    }

    private static ForecastSurfaceReader reader(List<SviParams> tenorSvi) {
        double[] k = {-0.2, 0, 0.2, -0.2, 0, 0.2};
        double[] w = cells(List.of(SHORT, LONG));
        SurfaceForecast f = new SurfaceForecast("TST", LocalDate.of(2026, 8, 21), SPEC, k, w, tenorSvi, null);
        double[] nan = new double[6];
        Arrays.fill(nan, Double.NaN);
        boolean[] mask = new boolean[6];
        List<SmileSlice> slices = List.of(
                new SmileSlice(LocalDate.of(2026, 9, 25), 0.1, 101, SHORT, -0.2, 0.2, 20, 0.3),
                new SmileSlice(LocalDate.of(2026, 9, 25), 0.1, 999, SHORT, -0.2, 0.2, 20, 0.3),
                new SmileSlice(LocalDate.of(2027, 2, 19), 0.5, 104, LONG, -0.3, 0.3, 20, 0.3));
        CanonicalSurface latest = new CanonicalSurface("TST", LocalDate.of(2026, 8, 20), Instant.EPOCH, 100, SPEC, k,
                w, nan, mask, nan, slices);
        return new ForecastSurfaceReader(f, latest);
    }

    private static double[] cells(List<SviParams> svi) {
        double[] w = new double[6];
        double[] k = {-0.2, 0, 0.2};
        for (int m = 0; m < 2; m++) {
            for (int j = 0; j < 3; j++) {
                w[m * 3 + j] = svi.get(m).totalVariance(k[j]);
            }
        }
        return w;
    }
}
