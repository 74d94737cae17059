package io.volsurf.forecaster.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MovingBlockBootstrapTest {

    /**
     * Per-date squared-error sums of two forecasters over {@code cells} cells whose error scales follow a persistent
     * log-AR(1) (volatile weeks): the model's errors are {@code ratio} times the benchmark's in distribution, so the
     * true RMSE ratio is {@code ratio}.
     */
    private static double[][] synthetic(int dates, int cells, double ratio, Random random) {
        double[] a = new double[dates];
        double[] b = new double[dates];
        double logScale = 0;
        for (int t = 0; t < dates; t++) {
            logScale = 0.8 * logScale + 0.4 * random.nextGaussian();
            double s = Math.exp(logScale);
            for (int c = 0; c < cells; c++) {
                double eb = s * random.nextGaussian();
                double ea = ratio * s * random.nextGaussian();
                a[t] += ea * ea;
                b[t] += eb * eb;
            }
        }
        return new double[][] {a, b};
    }

    @Test
    void theIntervalCoversTheTrueRatioAboutNinetyFivePercentOfTheTime() {
        Random random = new Random(11);
        double trueRatio = 0.9;
        int trials = 300;
        int covered = 0;
        int excludedOne = 0;
        for (int i = 0; i < trials; i++) {
            double[][] s = synthetic(40, 30, trueRatio, random);
            BootstrapInterval ci = new MovingBlockBootstrap(500, i).rmseRatio(s[0], s[1]);
            if (ci.lower() <= trueRatio && trueRatio <= ci.upper()) {
                covered++;
            }
            if (ci.upper() < 1) {
                excludedOne++;
            }
        }
        double coverage = covered / (double) trials;
        // a percentile interval of 40 dependent dates undercovers a little; far below 0.95 would be a bug
        assertTrue(coverage >= 0.86 && coverage <= 0.995, "coverage " + coverage);
        // a 10% gain on 40 dates of 30 cells is usually detected
        assertTrue(excludedOne > trials / 2, "excluded 1 in " + excludedOne + " of " + trials);
    }

    @Test
    void theEstimateIsTheRatioOfRmsesOnTheSameCells() {
        double[] a = {1, 4, 9, 16};
        double[] b = {4, 4, 4, 4};
        BootstrapInterval ci = new MovingBlockBootstrap().rmseRatio(a, b);
        assertEquals(Math.sqrt(30.0 / 16.0), ci.estimate(), 1e-15);
        assertTrue(ci.lower() <= ci.estimate() && ci.estimate() <= ci.upper());
        assertEquals(2, ci.blockLength()); // ceil(4^(1/3))
        assertEquals(0.95, ci.level());
    }

    @Test
    void identicalLossesGiveTheDegenerateIntervalAtOne() {
        double[] a = {1, 2, 3, 4, 5, 6};
        BootstrapInterval ci = new MovingBlockBootstrap().rmseRatio(a, a.clone());
        assertEquals(1, ci.estimate());
        assertEquals(1, ci.lower());
        assertEquals(1, ci.upper());
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndAnotherSeedAnother() {
        double[][] s = synthetic(40, 30, 0.95, new Random(3));
        BootstrapInterval one = new MovingBlockBootstrap(1000, 7).rmseRatio(s[0], s[1]);
        assertEquals(one, new MovingBlockBootstrap(1000, 7).rmseRatio(s[0], s[1]));
        assertNotEquals(one, new MovingBlockBootstrap(1000, 8).rmseRatio(s[0], s[1]));
    }

    @Test
    void blockLengthGrowsAsTheCubeRoot() {
        assertEquals(1, MovingBlockBootstrap.defaultBlockLength(1));
        assertEquals(3, MovingBlockBootstrap.defaultBlockLength(27));
        assertEquals(4, MovingBlockBootstrap.defaultBlockLength(40));
        assertEquals(5, MovingBlockBootstrap.defaultBlockLength(100));
    }

    @Test
    void badInputIsAClearError() {
        MovingBlockBootstrap b = new MovingBlockBootstrap();
        var e = assertThrows(IllegalArgumentException.class, () -> b.rmseRatio(new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("lengths differ"));
        e = assertThrows(IllegalArgumentException.class, () -> b.rmseRatio(new double[] {1, -2}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("session 1"));
        assertThrows(IllegalArgumentException.class, () -> b.rmseRatio(new double[] {1, 2}, new double[] {1, 1}, 3, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new MovingBlockBootstrap(10, 1));
    }
}
