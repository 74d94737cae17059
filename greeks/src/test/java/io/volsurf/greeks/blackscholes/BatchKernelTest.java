package io.volsurf.greeks.blackscholes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD kernel against the scalar one, and the choice between them. */
class BatchKernelTest {

    private static boolean simdPlatform() {
        String arch = System.getProperty("os.arch", "");
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @Test
    void simdIsSelectedWhereTheVectorApiIsPresentAndScalarOnRequest() {
        assertSame(BatchKernel.SCALAR, BatchKernel.select("false"));
        assumeTrue(simdPlatform(), "no jdk.incubator.vector module on x86-64 in this JVM: the scalar kernel runs");
        BatchKernel simd = BatchKernel.select("true");
        assertTrue(simd.lanes() >= 4, simd.description());
        assertTrue(BlackScholesGreeks.batchKernel().startsWith("simd"), BlackScholesGreeks.batchKernel());
    }

    /**
     * 1 day to 5 years, 5% to 150% vol, strikes from deep in to deep out of the money (|d1| up to ~40), zero,
     * positive and negative rates and yields, calls and puts, and batch sizes that leave a scalar remainder.
     */
    @Test
    void simdAgreesWithScalarToRoundOff() {
        assumeTrue(simdPlatform(), "no jdk.incubator.vector module on x86-64 in this JVM: nothing to compare");
        BatchKernel simd = BatchKernel.select("true");
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n : new int[]{1, 7, 8, 13, 4099}) {
            double[] s = new double[n], k = new double[n], t = new double[n], r = new double[n], q = new double[n],
                    v = new double[n];
            boolean[] call = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextDouble(1, 5000);
                t[i] = Math.exp(rnd.nextDouble(Math.log(1 / 365.0), Math.log(5)));
                v[i] = rnd.nextDouble(0.05, 1.5);
                k[i] = s[i] * Math.exp(rnd.nextDouble(-6, 6) * v[i] * Math.sqrt(t[i]));
                r[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(-0.01, 0.1);
                q[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(-0.01, 0.06);
                call[i] = rnd.nextBoolean();
            }
            double[][] a = new double[6][n], b = new double[6][n];
            simd.priceEuropean(n, s, k, t, r, q, v, call, a[0], a[1], a[2], a[3], a[4], a[5]);
            BatchKernel.SCALAR.priceEuropean(n, s, k, t, r, q, v, call, b[0], b[1], b[2], b[3], b[4], b[5]);
            String[] names = {"price", "delta", "gamma", "vega", "theta", "rho"};
            for (int g = 0; g < 6; g++) {
                for (int i = 0; i < n; i++) {
                    // relative 1e-12, with a floor for values vanishingly small against the option's scale
                    double scale = g == 1 ? 1 : g == 2 ? 1 / s[i] : s[i];
                    double tolerance = 1e-12 * Math.max(Math.abs(b[g][i]), 1e-6 * scale);
                    assertEquals(b[g][i], a[g][i], tolerance, names[g] + " n=" + n + " i=" + i + " S=" + s[i]
                            + " K=" + k[i] + " T=" + t[i] + " r=" + r[i] + " q=" + q[i] + " v=" + v[i]
                            + " call=" + call[i]);
                }
            }
        }
    }
}
