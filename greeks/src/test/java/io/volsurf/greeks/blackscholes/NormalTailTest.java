package io.volsurf.greeks.blackscholes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.volsurf.forecaster.iv.NormalDistribution;
import org.junit.jupiter.api.Test;

class NormalTailTest {

    @Test
    void matchesReferenceValues() {
        // Reference values: Abramowitz & Stegun / high-precision erfc.
        assertEquals(0.5, NormalTail.lowerTail(0.0, 1.0), 0.0);
        assertEquals(0.15865525393145707, NormalTail.lowerTail(1.0, Math.exp(-0.5)), 1e-17);
        assertEquals(1 - 0.9772498680518208, NormalTail.lowerTail(2.0, Math.exp(-2)), 1e-16);
        assertEquals(2.866515718791939e-07, NormalTail.lowerTail(-5.0, Math.exp(-12.5)), 2.9e-07 * 1e-13);
        assertEquals(7.619853024160527e-24, NormalTail.lowerTail(10.0, Math.exp(-50)), 7.6e-24 * 1e-12);
        // Phi(-20) = 2.7536241186062337e-89 (far regime, |x| / sqrt 2 >= 8)
        assertEquals(2.7536241186062337e-89, NormalTail.lowerTail(-20.0, Math.exp(-200)), 2.8e-89 * 1e-12);
        assertEquals(NormalDistribution.pdf(0.0), NormalTail.INV_SQRT_2PI, 0.0);
    }

    @Test
    void isSymmetricAndAgreesWithTheProjectsNormalDistribution() {
        double worst = 0;
        for (double x = -37; x <= 37; x += 0.01) {
            double e = Math.exp(-0.5 * x * x);
            double tail = NormalTail.lowerTail(x, e);
            assertEquals(tail, NormalTail.lowerTail(-x, e), 0.0, "symmetric at " + x);
            double reference = NormalDistribution.cdf(-Math.abs(x));
            worst = Math.max(worst, Math.abs(tail - reference) / reference);
        }
        // Both are about 1e-15 relative; the kernels' tail may use its own polynomials, never other numbers.
        assertEquals(0, worst, 5e-14, "largest relative difference from NormalDistribution.cdf");
    }
}
