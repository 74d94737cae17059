package io.volsurf.forecaster.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DieboldMarianoTestTest {

    @Test
    void studentTailMatchesTables() {
        // t = 2.228 is the 97.5% quantile of t(10); t = 1.96 with df large tends to 0.05
        assertEquals(0.05, StudentT.twoSidedPValue(2.228138851986, 10), 1e-9);
        assertEquals(0.0734, StudentT.twoSidedPValue(2.0, 10), 1e-4);
        assertEquals(1.0, StudentT.twoSidedPValue(0, 5), 1e-12);
        assertEquals(0.05, StudentT.twoSidedPValue(1.959964, 1e7), 1e-5);
    }

    @Test
    void statisticByHandWithHarveyCorrection() {
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {2, 2, 5, 5, 5};
        // d = -1, 0, -2, -1, 0: mean -0.8, gamma0 = 0.56, DM = -0.8 / sqrt(0.56/5), HLN factor sqrt(4/5)
        double dm = -0.8 / Math.sqrt(0.56 / 5) * Math.sqrt(4.0 / 5);
        DieboldMarianoResult r = new DieboldMarianoTest(1).test(a, b);
        assertEquals(dm, r.statistic(), 1e-12);
        assertEquals(StudentT.twoSidedPValue(dm, 4), r.pValue(), 1e-15);
        assertTrue(r.pValue() > 0.05 && r.pValue() < 0.2);
    }

    @Test
    void swappingTheForecastersNegatesTheStatisticAndKeepsThePValue() {
        double[] a = {1.2, 0.7, 2.5, 1.1, 0.9, 1.8, 1.3};
        double[] b = {1.0, 1.1, 2.0, 1.6, 1.2, 1.5, 1.9};
        DieboldMarianoResult ab = new DieboldMarianoTest(1).test(a, b);
        DieboldMarianoResult ba = new DieboldMarianoTest(1).test(b, a);
        assertEquals(-ab.statistic(), ba.statistic(), 1e-15);
        assertEquals(ab.pValue(), ba.pValue(), 1e-15);
    }

    @Test
    void farTailPValuesKeepTheirPrecision() {
        // P(|T| >= 12) with 40 df is about 1e-14: 1 - cdf would lose it to rounding
        double p = StudentT.twoSidedPValue(12, 40);
        assertTrue(p > 1e-15 && p < 1e-13, "p = " + p);
        assertEquals(StudentT.twoSidedPValue(-3, 9), StudentT.twoSidedPValue(3, 9), 0);
    }

    @Test
    void identicalForecastsGiveNoEvidence() {
        DieboldMarianoResult r = new DieboldMarianoTest(1).test(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertEquals(0, r.statistic());
        assertEquals(1, r.pValue());
    }

    @Test
    void tooFewSessionsIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DieboldMarianoTest(1).test(new double[] {1, 2}, new double[] {1, 3}));
        assertTrue(e.getMessage().contains("sessions"));
    }
}
