package io.volsurf.strategy.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.strategy.result.ForecastScope;
import io.volsurf.strategy.result.ForecastVsRealized;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridForecastComparisonTest {
    private static final LocalDate T0 = LocalDate.of(2026, 3, 2);
    private static final LocalDate T1 = T0.plusDays(1);
    private static final GridSpec SPEC = new GridSpec(new int[] {30, 60}, new double[] {-0.1, 0.1},
            MoneynessScaling.LOG_MONEYNESS);

    private static CanonicalSurface surface(LocalDate d, double[] vol, boolean[] mask) {
        double[] k = {-0.1, 0.1, -0.1, 0.1};
        double[] w = new double[4];
        for (int i = 0; i < 4; i++) {
            w[i] = vol[i] * vol[i] * SPEC.tenorYears(i / 2);
        }
        return new CanonicalSurface("TST", d, Instant.parse(d + "T21:00:00Z"), 100, SPEC, k, w, vol, mask,
                new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}, List.of());
    }

    @Test
    void comparesSupportedCellsAndComputesTheErrorInVolPoints() {
        double[] fVol = {0.21, 0.19, 0.22, 0.2};
        double[] fw = new double[4];
        for (int i = 0; i < 4; i++) {
            fw[i] = fVol[i] * fVol[i] * SPEC.tenorYears(i / 2);
        }
        SurfaceForecast f = new SurfaceForecast("TST", T1, SPEC, new double[] {-0.1, 0.1, -0.1, 0.1}, fw, List.of(),
                null);
        CanonicalSurface before = surface(T0, new double[] {0.2, 0.2, 0.2, 0.2}, new boolean[] {true, true, true, false});
        CanonicalSurface after = surface(T1, new double[] {0.23, 0.18, Double.NaN, 0.21},
                new boolean[] {true, true, false, true});
        List<ForecastVsRealized> rows = new GridForecastComparison().rows(T0, f, after, before);
        assertEquals(3, rows.size());
        ForecastVsRealized first = rows.get(0);
        assertEquals(ForecastScope.GRID_CELL, first.scope());
        assertEquals(30, first.tenorDays());
        assertEquals(-0.1, first.knot());
        assertEquals(0.21, first.forecastIv(), 1e-14);
        assertEquals(2.0, first.errorVolPoints(), 1e-9);
        assertEquals(0.2, first.marketIvAtForecast());
        assertTrue(Double.isNaN(rows.get(2).marketIvAtForecast()), "t's cell unsupported");
        assertThrows(IllegalArgumentException.class, () -> new GridForecastComparison().rows(T0, f, before, null));
    }
}
