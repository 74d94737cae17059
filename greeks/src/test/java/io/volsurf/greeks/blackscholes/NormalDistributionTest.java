package io.volsurf.greeks.blackscholes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {
    @Test
    void matchesReferenceValues() {
        // Reference values: Abramowitz & Stegun / high-precision erfc.
        assertEquals(0.5, NormalDistribution.cdf(0.0), 0.0);
        assertEquals(0.8413447460685429, NormalDistribution.cdf(1.0), 1e-16);
        assertEquals(0.15865525393145707, NormalDistribution.cdf(-1.0), 1e-17);
        assertEquals(0.9772498680518208, NormalDistribution.cdf(2.0), 1e-16);
        assertEquals(2.866515718791939e-07, NormalDistribution.cdf(-5.0), 2.9e-07 * 1e-13);
        assertEquals(7.619853024160527e-24, NormalDistribution.cdf(-10.0), 7.6e-24 * 1e-12);
        assertEquals(0.3989422804014327, NormalDistribution.pdf(0.0), 1e-16);
    }

    @Test
    void isSymmetricAndMonotone() {
        double previous = 0;
        for (double x = -12; x <= 12; x += 0.01) {
            double p = NormalDistribution.cdf(x);
            assertEquals(1.0, p + NormalDistribution.cdf(-x), 2e-16, "symmetry at " + x);
            assertEquals(true, p >= previous, "monotone at " + x);
            previous = p;
        }
    }

    @Test
    void lowerTailIsTheSmallerSideToFullRelativeAccuracy() {
        for (double x = -40; x <= 40; x += 0.01) {
            double e = Math.exp(-0.5 * x * x);
            double tail = NormalDistribution.lowerTail(x, e);
            assertEquals(NormalDistribution.cdf(-Math.abs(x), e), tail, 0.0, "x=" + x);
            assertEquals(tail, NormalDistribution.lowerTail(-x, e), 0.0, "symmetric at " + x);
        }
        assertEquals(0.5, NormalDistribution.lowerTail(0.0, 1.0), 0.0);
        assertEquals(0.15865525393145707, NormalDistribution.lowerTail(1.0, Math.exp(-0.5)), 1e-17);
        assertEquals(7.619853024160527e-24, NormalDistribution.lowerTail(10.0, Math.exp(-50)), 7.6e-24 * 1e-12);
        // Phi(-20) = 2.7536241186062337e-89 (far regime, |x| / sqrt 2 >= 8)
        assertEquals(2.7536241186062337e-89, NormalDistribution.lowerTail(-20.0, Math.exp(-200)), 2.8e-89 * 1e-12);
    }
}
