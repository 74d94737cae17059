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
}
