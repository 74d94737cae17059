package io.volsurf.forecaster.projector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.svi.SviParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoArbitrageProjectorTest {

    /** Gatheral and Jacquier (2014), section 5.1: a raw SVI slice with butterfly arbitrage. */
    private static final SviParams GATHERAL_JACQUIER = new SviParams(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153);

    private final NoArbitrageProjector projector = new NoArbitrageProjector();

    @Test
    void gatheralJacquierSliceHasButterflyArbitrageAndTheProjectionRemovesIt() {
        assertFalse(projector.butterflyFree(GATHERAL_JACQUIER));
        double[] k = {-1.0, -0.5, 0, 0.5, 1.0};
        double[] w = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            w[i] = GATHERAL_JACQUIER.totalVariance(k[i]);
        }
        ProjectedSurface p = projector.project(new double[] {1.0}, List.of(GATHERAL_JACQUIER), k, w);
        assertEquals(1, p.report().butterflyViolationsBefore());
        assertEquals(0, p.report().butterflyViolationsAfter());
        assertEquals(0, p.report().calendarViolationsAfter());
        assertTrue(projector.butterflyFree(p.tenorSvi().get(0)));
        // the repair is a small move, not a flattening of the smile
        assertTrue(p.tenorSvi().get(0).b() > 0.5 * GATHERAL_JACQUIER.b(), "b after " + p.tenorSvi().get(0).b());
        assertTrue(p.report().rmsShiftTotalVariance() > 0 && p.report().maxShiftVolPoints() < 10);
    }

    @Test
    void arbitrageFreeSurfaceIsLeftUnchanged() {
        List<SviParams> smiles = List.of(new SviParams(0.002, 0.02, -0.4, 0, 0.05),
                new SviParams(0.01, 0.05, -0.4, 0, 0.1), new SviParams(0.03, 0.1, -0.4, 0, 0.2));
        double[] t = {0.05, 0.25, 1.0};
        double[] k = new double[15];
        double[] w = new double[15];
        for (int c = 0; c < 15; c++) {
            k[c] = -0.2 + 0.1 * (c % 5);
            w[c] = smiles.get(c / 5).totalVariance(k[c]);
        }
        ProjectedSurface p = projector.project(t, smiles, k, w);
        assertEquals(0, p.report().violationsBefore());
        assertEquals(0, p.report().violationsAfter());
        assertEquals(0, p.report().rmsShiftTotalVariance(), 1e-15);
    }

    @Test
    void randomSurfacesLeaveNoViolationAfterProjection() {
        Random random = new Random(7);
        int repaired = 0;
        for (int trial = 0; trial < 60; trial++) {
            int tenors = 4;
            double[] t = {0.02, 0.1, 0.3, 1.0};
            List<SviParams> smiles = new ArrayList<>();
            for (int m = 0; m < tenors; m++) {
                double b = 0.02 + 0.6 * random.nextDouble();
                double rho = -0.95 + 1.9 * random.nextDouble();
                double sigma = 0.01 + 0.4 * random.nextDouble();
                double minVar = 0.001 + 0.05 * random.nextDouble(); // random levels: calendar arbitrage is common
                smiles.add(new SviParams(minVar - b * sigma * Math.sqrt(1 - rho * rho), b, rho,
                        -0.2 + 0.4 * random.nextDouble(), sigma));
            }
            double[] k = new double[tenors * 7];
            double[] w = new double[k.length];
            for (int c = 0; c < k.length; c++) {
                k[c] = -0.6 + 0.2 * (c % 7);
                w[c] = smiles.get(c / 7).totalVariance(k[c]);
            }
            ProjectedSurface p = projector.project(t, smiles, k, w);
            repaired += p.report().violationsBefore() > 0 ? 1 : 0;
            assertEquals(0, p.report().butterflyViolationsAfter(), "trial " + trial);
            assertEquals(0, p.report().calendarViolationsAfter(), "trial " + trial);
            // the cells themselves: non-decreasing in T at fixed k
            for (int c = 7; c < k.length; c++) {
                assertTrue(p.totalVariance()[c] >= p.totalVariance()[c - 7] - 1e-15);
            }
        }
        assertTrue(repaired > 20, "the random surfaces should often need repair, got " + repaired);
    }

    @Test
    void badInputIsRejectedWithTheFieldName() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> projector.project(new double[] {1}, List.of(GATHERAL_JACQUIER), new double[] {0},
                        new double[] {Double.NaN}));
        assertTrue(e.getMessage().contains("cellW"));
    }
}
