package io.volsurf.forecaster.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SviParamsTest {

    @Test
    void derivativesMatchFiniteDifferences() {
        SviParams p = new SviParams(0.02, 0.3, -0.4, 0.1, 0.15);
        double h = 1e-5;
        for (double k = -1; k <= 1; k += 0.125) {
            double fd1 = (p.totalVariance(k + h) - p.totalVariance(k - h)) / (2 * h);
            double fd2 = (p.totalVariance(k + h) - 2 * p.totalVariance(k) + p.totalVariance(k - h)) / (h * h);
            assertEquals(fd1, p.firstDerivative(k), 1e-9, "w' at " + k);
            assertEquals(fd2, p.secondDerivative(k), 1e-4, "w'' at " + k);
        }
    }

    @Test
    void durrlemanGOfAFlatSmileIsOne() {
        // b -> 0: w constant, g = 1 (the lognormal density).
        SviParams flat = new SviParams(0.04, 0, 0, 0, 0.1);
        assertEquals(1.0, flat.durrlemanG(0.7), 1e-15);
    }

    @Test
    void totalVarianceAndVolRoundTrip() {
        SviParams p = new SviParams(0.02, 0.3, -0.4, 0.1, 0.15);
        double t = 0.75;
        for (double k = -1; k <= 1; k += 0.25) {
            double vol = p.impliedVol(k, t);
            assertEquals(p.totalVariance(k), vol * vol * t, 1e-15);
        }
        assertTrue(p.minimumTotalVariance() > 0);
        assertEquals(0.3 * 1.4, p.maxWingSlope(), 1e-15);
    }
}
