package io.volsurf.forecaster.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A forecast read on another grid: its own SVI smiles at the new points, linear in maturity between tenors. */
class SurfaceForecastReadOnTest {

    private static final GridSpec MODEL = new GridSpec(new int[] {30, 90}, new double[] {-1, 0, 1},
            MoneynessScaling.ATM_STD);
    private static final List<SviParams> SMILES = List.of(new SviParams(0.002, 0.05, -0.4, 0.0, 0.1),
            new SviParams(0.008, 0.07, -0.3, 0.01, 0.15));

    private static SurfaceForecast forecast() {
        double[] k = new double[6];
        double[] w = new double[6];
        for (int m = 0; m < 2; m++) {
            double t = MODEL.tenorYears(m);
            double atm = Math.sqrt(SMILES.get(m).totalVariance(0) / t);
            for (int j = 0; j < 3; j++) {
                k[3 * m + j] = MODEL.logMoneyness(j, t, atm);
                w[3 * m + j] = SMILES.get(m).totalVariance(k[3 * m + j]);
            }
        }
        return new SurfaceForecast("X", LocalDate.of(2026, 7, 1), MODEL, k, w, SMILES, null);
    }

    @Test
    void readOnAnotherGridReadsTheForecastSurfaceThere() {
        SurfaceForecast f = forecast();
        assertSame(f, f.readOn(MODEL));
        GridSpec asked = new GridSpec(new int[] {30, 60}, new double[] {-0.1, 0, 0.05}, MoneynessScaling.LOG_MONEYNESS);
        SurfaceForecast r = f.readOn(asked);
        assertEquals(asked, r.spec());
        for (int j = 0; j < 3; j++) {
            double k = asked.knots()[j];
            assertEquals(k, r.logMoneyness()[j]);
            assertEquals(SMILES.get(0).totalVariance(k), r.totalVariance()[j], 1e-14, "a model tenor: its smile");
            // 60 days: half way between 30 and 90 in maturity, total variance linear at fixed k
            double u = (60 - 30) / 60.0;
            assertEquals((1 - u) * SMILES.get(0).totalVariance(k) + u * SMILES.get(1).totalVariance(k),
                    r.totalVariance()[3 + j], 1e-14);
        }
    }
}
