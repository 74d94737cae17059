package io.volsurf.forecaster.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalLevelFilterTest {

    /**
     * Property: on random walks observed with known noise, over several noise-to-movement ratios, series lengths and
     * uneven steps (weekends), the filtered level is closer to the true last level than the last observation is.
     */
    @Test
    void recoversTheTrueLevelBetterThanCarryForwardOnNoisySeries() {
        Random random = new Random(11);
        double[][] cases = {{1.0, 4.0}, {1.0, 1.0}, {4.0, 1.0}, {0.25, 9.0}};
        for (double[] qr : cases) {
            double q = qr[0];
            double r = qr[1];
            for (int length : new int[] {3, 5, 20}) {
                double filteredSq = 0;
                double carriedSq = 0;
                for (int trial = 0; trial < 4000; trial++) {
                    double[] y = new double[length];
                    double[] steps = new double[length];
                    double level = 10 * random.nextGaussian();
                    for (int i = 0; i < length; i++) {
                        steps[i] = i == 0 ? 0 : (random.nextInt(5) == 0 ? 1.2 : 1.0);
                        level += Math.sqrt(q * steps[i]) * random.nextGaussian();
                        y[i] = level + Math.sqrt(r) * random.nextGaussian();
                    }
                    double f = LocalLevelFilter.filteredLevel(y, steps, q, r);
                    filteredSq += (f - level) * (f - level);
                    carriedSq += (y[length - 1] - level) * (y[length - 1] - level);
                }
                String at = "q " + q + " r " + r + " length " + length;
                assertTrue(filteredSq < 0.95 * carriedSq, at + ": filtered " + filteredSq + " carried " + carriedSq);
            }
        }
    }

    @Test
    void withoutNoiseItIsTheLastObservationAndWithoutMovementTheMean() {
        double[] y = {1.0, 3.0, 2.0, 6.0};
        double[] steps = {0, 1, 1, 3};
        assertEquals(6.0, LocalLevelFilter.filteredLevel(y, steps, 0.5, 0.0), 1e-15);
        assertEquals(3.0, LocalLevelFilter.filteredLevel(y, steps, 0.0, 2.0), 1e-12);
    }

    @Test
    void missingObservationsAreSkippedAndTheirTimeCounts() {
        double[] with = LocalLevelFilterTest.series(Double.NaN);
        double[] steps = {0, 1, 1, 1};
        double skipped = LocalLevelFilter.filteredLevel(with, steps, 1.0, 1.0);
        double joined = LocalLevelFilter.filteredLevel(new double[] {1.0, 2.0, 4.0}, new double[] {0, 2, 1}, 1.0, 1.0);
        assertEquals(joined, skipped, 1e-15);
        assertTrue(Double.isNaN(LocalLevelFilter.filteredLevel(new double[] {Double.NaN}, new double[] {0}, 1, 1)));
    }

    private static double[] series(double gap) {
        return new double[] {1.0, gap, 2.0, 4.0};
    }

    @Test
    void negativeVariancesAndMismatchedLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalLevelFilter.filteredLevel(new double[] {1}, new double[] {0}, -1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> LocalLevelFilter.filteredLevel(new double[] {1, 2}, new double[] {0}, 1, 1));
    }
}
