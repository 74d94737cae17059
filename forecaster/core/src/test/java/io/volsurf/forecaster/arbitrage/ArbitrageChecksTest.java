package io.volsurf.forecaster.arbitrage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.svi.SviParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArbitrageChecksTest {

    private final ButterflyCheck butterfly = new ButterflyCheck();

    @Test
    void gatheralJacquierExampleHasButterflyArbitrageNearKPointNine() {
        // Gatheral and Jacquier (2014), "Arbitrage-free SVI volatility surfaces", section 3 example, T = 1.
        SviParams gj = new SviParams(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153);
        ButterflyCheck.Result r = butterfly.check(gj);
        assertFalse(r.butterflyFree());
        assertTrue(r.minG() < 0, "minG " + r.minG());
        assertEquals(-0.0329, r.minG(), 5e-4);
        assertEquals(0.88, r.minGAtK(), 0.05, "minimum of g should be near k = 0.9");
        // g changes sign twice around the minimum: positive at the money and far out.
        assertTrue(gj.durrlemanG(0.0) > 0 && gj.durrlemanG(0.9) < 0 && gj.durrlemanG(2.0) > 0);
    }

    @Test
    void ordinarySmileIsButterflyFree() {
        ButterflyCheck.Result r = butterfly.check(new SviParams(0.04, 0.4, -0.6, 0.05, 0.2));
        assertTrue(r.butterflyFree());
        assertTrue(r.minG() > 0);
    }

    @Test
    void wingSteeperThanLeeBoundIsFlaggedFarOut() {
        // b (1 + rho) = 2.4 > 2: g -> 1/4 - 2.4^2/16 < 0 far in the right wing.
        ButterflyCheck.Result r = butterfly.check(new SviParams(0.04, 1.5, 0.6, 0, 0.3));
        assertFalse(r.butterflyFree());
        assertTrue(r.minGAtK() > 0);
    }

    @Test
    void calendarCheckFindsCrossingSlices() {
        // The longer slice is flatter: its wings fall below the shorter one's beyond |k| ~ 0.6.
        SviParams shorter = new SviParams(0.01, 0.3, 0.0, 0.0, 0.1);
        SviParams longer = new SviParams(0.05, 0.1, 0.0, 0.0, 0.2);
        List<CalendarViolation> v = new CalendarCheck().check(List.of(
                new MaturitySlice(1.0, longer), new MaturitySlice(0.25, shorter)));
        assertEquals(2, v.size(), v.toString());
        CalendarViolation left = v.get(0);
        CalendarViolation right = v.get(1);
        assertEquals(0.25, left.shorterMaturityYears());
        assertEquals(1.0, left.longerMaturityYears());
        assertEquals(-1.0, left.kFrom(), 1e-12);
        assertTrue(left.kTo() < -0.1 && right.kFrom() > 0.1);
        assertEquals(1.0, right.kTo(), 1e-12);
        // Worst at the grid edge, where the steeper wing is highest above the flatter one.
        double expected = shorter.totalVariance(1.0) - longer.totalVariance(1.0);
        assertEquals(expected, right.worstAmount(), 1e-12);
        assertEquals(1.0, right.worstK(), 1e-12);
        // Swap the maturities: now total variance increases everywhere in T... except the centre.
        List<CalendarViolation> swapped = new CalendarCheck().check(List.of(
                new MaturitySlice(0.25, longer), new MaturitySlice(1.0, shorter)));
        assertEquals(1, swapped.size());
        assertTrue(swapped.get(0).kFrom() < 0 && swapped.get(0).kTo() > 0);
    }

    @Test
    void nestedSlicesHaveNoCalendarArbitrage() {
        SviParams base = new SviParams(0.02, 0.2, -0.5, 0.0, 0.2);
        SviParams later = new SviParams(0.05, 0.25, -0.5, 0.0, 0.2); // higher level and wings: above everywhere
        ArbitrageReport report = new SurfaceArbitrageCheck().check(List.of(
                new MaturitySlice(0.5, base), new MaturitySlice(1.5, later)));
        assertTrue(report.calendarViolations().isEmpty());
        assertTrue(report.butterflyFree());
        assertTrue(report.arbitrageFree());
    }
}
