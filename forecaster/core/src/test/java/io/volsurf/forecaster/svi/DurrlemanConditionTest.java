package io.volsurf.forecaster.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reused scan points give exactly the minimum of the plain scan. */
class DurrlemanConditionTest {

    private final DurrlemanCondition durrleman = new DurrlemanCondition();

    @Test
    void scanPointsGiveTheSameMinimumBitForBit() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            double m = 0.3 * rnd.nextGaussian();
            double sigma = Math.pow(10, -3 + 3 * rnd.nextDouble());
            DurrlemanCondition.ScanPoints scan = durrleman.scanPoints(m, sigma);
            for (int s = 0; s < 20; s++) {
                // Slices sharing (m, sigma), from arbitrage-free to badly arbitraged and negative variance.
                double b = 2.5 * rnd.nextDouble();
                double rho = 1.98 * rnd.nextDouble() - 0.99;
                double a = 0.05 * rnd.nextGaussian();
                SviParams p = new SviParams(a, b, rho, m, sigma);
                DurrlemanCondition.MinimumG plain = durrleman.minimum(p);
                DurrlemanCondition.MinimumG reused = durrleman.minimum(p, scan);
                assertEquals(Double.doubleToRawLongBits(plain.minG()), Double.doubleToRawLongBits(reused.minG()), p.toString());
                assertEquals(Double.doubleToRawLongBits(plain.atK()), Double.doubleToRawLongBits(reused.atK()), p.toString());
            }
        }
    }

    @Test
    void scanPointsOfAnotherSliceAreRefused() {
        DurrlemanCondition.ScanPoints scan = durrleman.scanPoints(0.0, 0.1);
        assertThrows(IllegalArgumentException.class, () -> durrleman.minimum(new SviParams(0.01, 0.1, 0, 0.0, 0.2), scan));
        assertThrows(IllegalArgumentException.class,
                () -> new DurrlemanCondition(101).minimum(new SviParams(0.01, 0.1, 0, 0.0, 0.1), scan));
    }
}
