package io.volsurf.forecaster.projector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.svi.SviParams;
import org.junit.jupiter.api.Test;

class CellNoArbitrageProjectorTest {

    private static final double[] T = {0.25, 0.5, 1.0};
    private final CellNoArbitrageProjector projector = new CellNoArbitrageProjector();

    /** Rows of an arbitrage-free SVI surface (total variance growing with maturity) at the given log-moneyness. */
    private static double[] sviSurface(double[] cellK, int knots) {
        double[] w = new double[cellK.length];
        for (int c = 0; c < w.length; c++) {
            double t = T[c / knots];
            SviParams p = new SviParams(0.03 * t, 0.1 * Math.sqrt(t), -0.4, 0.0, 0.2);
            w[c] = p.totalVariance(cellK[c]);
        }
        return w;
    }

    private static double[] alignedK(int knots) {
        double[] k = new double[T.length * knots];
        for (int c = 0; c < k.length; c++) {
            k[c] = -0.4 + 0.8 * (c % knots) / (knots - 1);
        }
        return k;
    }

    /** Knots in ATM standard deviations: every tenor's row has its own log-moneyness. */
    private static double[] scaledK(int knots) {
        double[] k = new double[T.length * knots];
        for (int c = 0; c < k.length; c++) {
            k[c] = (-2 + 4.0 * (c % knots) / (knots - 1)) * 0.2 * Math.sqrt(T[c / knots]);
        }
        return k;
    }

    @Test
    void anArbitrageFreeSurfaceComesBackBitForBit() {
        for (double[] k : new double[][] {alignedK(7), scaledK(7)}) {
            double[] w = sviSurface(k, 7);
            assertTrue(projector.arbitrageFree(T, k, w));
            ProjectedSurface p = projector.project(T, k, w, m -> {
                throw new AssertionError("no row needs a repair target");
            });
            assertArrayEquals(w, p.totalVariance(), 0.0);
            assertEquals(0, p.report().violationsBefore());
            assertEquals(0, p.report().violationsAfter());
            assertEquals(0.0, p.report().rmsShiftTotalVariance());
            assertTrue(p.tenorSvi().isEmpty(), "the cells are the forecast: no smiles for the readers");
        }
    }

    /**
     * The middle tenor a hair above the short one except in its ATM column, where it dips below: one calendar
     * violation, rows still convex. Only that column changes, by isotonic regression in maturity.
     */
    @Test
    void oneCalendarViolationChangesOnlyItsColumn() {
        double[] k = alignedK(7);
        double[] w = sviSurface(k, 7);
        for (int j = 0; j < 7; j++) {
            w[7 + j] = w[j] + (j == 3 ? -1e-4 : 1e-4);
        }
        assertTrue(projector.arbitrageFree(T, k, withoutCalendar(w, 7)), "rows convex: only calendar fails");
        assertFalse(projector.arbitrageFree(T, k, w));
        ProjectedSurface p = projector.project(T, k, w, m -> null);
        double[] out = p.totalVariance();
        assertTrue(projector.arbitrageFree(T, k, out));
        assertTrue(p.report().calendarViolationsBefore() > 0);
        assertEquals(0, p.report().butterflyViolationsBefore());
        assertEquals(0, p.report().violationsAfter());
        for (int c = 0; c < w.length; c++) {
            if (c % 7 != 3) {
                assertEquals(w[c], out[c], 0.0, "cell " + c + " outside the violating column");
            }
        }
        // pool adjacent violators: the two pooled cells meet at their mean, the third is kept
        double mean = 0.5 * (w[3] + w[7 + 3]);
        assertEquals(mean, out[3], 1e-15);
        assertEquals(mean, out[7 + 3], 1e-15);
        assertEquals(w[14 + 3], out[14 + 3], 0.0);
    }

    /**
     * The same on knots in ATM standard deviations (rows at different log-moneyness, the same ATM): only the two
     * cells at the violating point move, to their mean.
     */
    @Test
    void aCalendarViolationOnScaledKnotsMovesOnlyTheTwoCellsAtIt() {
        double[] k = scaledK(7);
        double[] w = sviSurface(k, 7);
        SviParams shortest = new SviParams(0.03 * T[0], 0.1 * Math.sqrt(T[0]), -0.4, 0.0, 0.2);
        for (int j = 0; j < 7; j++) {
            w[7 + j] = shortest.totalVariance(k[7 + j]) + (j == 3 ? -2e-4 : 2e-4);
        }
        assertTrue(projector.arbitrageFree(T, k, withoutCalendar(w, 7)), "rows convex: only calendar fails");
        assertFalse(projector.arbitrageFree(T, k, w));
        ProjectedSurface p = projector.project(T, k, w, m -> null);
        double[] out = p.totalVariance();
        assertTrue(projector.arbitrageFree(T, k, out));
        for (int c = 0; c < w.length; c++) {
            if (c != 3 && c != 7 + 3) {
                assertEquals(w[c], out[c], 0.0, "cell " + c);
            }
        }
        double mean = 0.5 * (w[3] + w[7 + 3]);
        assertEquals(mean, out[3], 1e-15);
        assertEquals(mean, out[7 + 3], 1e-15);
    }

    /**
     * Beyond a row's outer cells the readers extrapolate flat, which the checks leave alone: a longer tenor whose
     * wider outer cell lies below the shorter tenor's flat wing is not a violation, and is kept.
     */
    @Test
    void theFlatWingBeyondTheShorterRowsCellsIsNotChecked() {
        double[] t = {0.25, 0.5};
        double[] k = {-0.1, 0, 0.1, -0.2, 0, 0.2};
        double[] w = {0.012, 0.010, 0.009, 0.030, 0.020, 0.0085};
        assertTrue(0.0085 < 0.009, "beyond k = 0.1 the short row is flat at 0.009, above the long row's 0.0085");
        assertTrue(projector.arbitrageFree(t, k, w));
        assertArrayEquals(w, projector.project(t, k, w, m -> null).totalVariance(), 0.0);
    }

    /** The rows spread far apart in level, so that only butterfly can fail. */
    private static double[] withoutCalendar(double[] w, int knots) {
        double[] out = w.clone();
        for (int c = 0; c < out.length; c++) {
            out[c] += (c / knots) * 1.0;
        }
        return out;
    }

    /**
     * Gatheral and Jacquier's (2014) raw SVI slice with butterfly arbitrage (a = -0.0410, b = 0.1331, rho = 0.3060,
     * m = 0.3586, sigma = 0.4153, T = 1) as the 1-year row: the row is repaired and the other rows are untouched.
     */
    @Test
    void theGatheralJacquierSliceIsRepairedAndTheRestUntouched() {
        SviParams gj = new SviParams(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153);
        double[] t = {0.5, 1.0, 2.0};
        int knots = 21;
        double[] k = new double[3 * knots];
        double[] w = new double[3 * knots];
        for (int c = 0; c < k.length; c++) {
            k[c] = -1.5 + 3.0 * (c % knots) / (knots - 1);
            int m = c / knots;
            w[c] = m == 0 ? 0.005 : m == 1 ? gj.totalVariance(k[c]) : 0.25;
        }
        assertFalse(projector.arbitrageFree(t, k, w), "the slice has butterfly arbitrage on the grid");
        ProjectedSurface p = projector.project(t, k, w, m -> gj);
        double[] out = p.totalVariance();
        assertEquals(1, p.report().butterflyViolationsBefore());
        assertEquals(0, p.report().violationsAfter());
        assertTrue(projector.arbitrageFree(t, k, out));
        boolean changed = false;
        for (int c = 0; c < w.length; c++) {
            if (c / knots != 1) {
                assertEquals(w[c], out[c], 0.0, "cell " + c + " outside the repaired row");
            } else {
                changed |= out[c] != w[c];
            }
        }
        assertTrue(changed);
        assertTrue(p.report().maxShiftVolPoints() > 0);
        // towards the smile's repair, not the flat row: the repaired row is nearer the input than the flat row
        double atm = CellNoArbitrageProjector.rowAt(k, w, knots, knots, 0.0);
        double toInput = 0;
        double flatToInput = 0;
        for (int j = 0; j < knots; j++) {
            toInput += Math.pow(out[knots + j] - w[knots + j], 2);
            flatToInput += Math.pow(atm - w[knots + j], 2);
        }
        assertTrue(toInput < 0.5 * flatToInput, toInput + " vs " + flatToInput);
        assertNotEquals(0.0, toInput);
    }

    @Test
    void isotonicRegressionKeepsAMonotoneColumnAndPoolsViolators() {
        double[] w = {1, 3, 2, 4};
        CellNoArbitrageProjector.isotonicColumn(w, 0, 4, 1);
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, w, 0.0);
        double[] mono = {0.1, 0.2, 0.3};
        CellNoArbitrageProjector.isotonicColumn(mono, 0, 3, 1);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, mono, 0.0);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> projector.project(T, new double[7], new double[6], m -> null));
        assertThrows(IllegalArgumentException.class,
                () -> projector.project(new double[] {0.5, 0.25, 1}, new double[3], new double[3], m -> null));
        double[] k = alignedK(7);
        double[] w = sviSurface(k, 7);
        w[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> projector.project(T, k, w, m -> null));
    }
}
