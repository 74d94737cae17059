package io.volsurf.forecaster.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The written-out face solves of {@link QuasiExplicitSvi} against the generic elimination they replaced. */
class QuasiExplicitSviTest {

    @Test
    void writtenOutSolvesAreBitIdenticalToTheGenericElimination() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200_000; trial++) {
            int k = 1 + trial % 3;
            double[] a = new double[k * k];
            double[] b = new double[k];
            for (int e = 0; e < a.length; e++) {
                a[e] = entry(rnd);
            }
            for (int e = 0; e < k; e++) {
                b[e] = entry(rnd);
            }
            if (trial % 7 == 0 && k > 1) {
                // Ties and exact singularity: a repeated row, or equal magnitudes in a pivot column.
                int from = rnd.nextInt(k);
                int to = (from + 1) % k;
                System.arraycopy(a, from * k, a, to * k, k);
                if (rnd.nextBoolean()) {
                    a[to * k] = -a[to * k];
                    a[to * k + 1] += 1;
                }
            }
            double[] expected = genericSolve(a.clone(), b.clone(), k);
            double[] x = new double[3];
            boolean ok = switch (k) {
                case 1 -> QuasiExplicitSvi.solve1(a[0], b[0], x);
                case 2 -> QuasiExplicitSvi.solve2(a[0], a[1], a[2], a[3], b[0], b[1], x);
                default -> QuasiExplicitSvi.solve3(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], b[0], b[1],
                        b[2], x);
            };
            assertEquals(expected != null, ok, "singularity verdict, trial " + trial);
            if (ok) {
                for (int c = 0; c < k; c++) {
                    assertEquals(Double.doubleToRawLongBits(expected[c]), Double.doubleToRawLongBits(x[c]),
                            "trial " + trial + " component " + c);
                }
            }
        }
    }

    private static double entry(Random rnd) {
        return switch (rnd.nextInt(10)) {
            case 0 -> 0.0;
            case 1 -> Double.NaN;
            case 2 -> rnd.nextInt(3) - 1.0;
            default -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
        };
    }

    /** The generic Gaussian elimination with partial pivoting (k <= 3) that the face solves used before. */
    private static double[] genericSolve(double[] a, double[] b, int k) {
        double norm = 0;
        for (double v : a) {
            norm = Math.max(norm, Math.abs(v));
        }
        for (int col = 0; col < k; col++) {
            int piv = col;
            for (int row = col + 1; row < k; row++) {
                if (Math.abs(a[row * k + col]) > Math.abs(a[piv * k + col])) {
                    piv = row;
                }
            }
            if (!(Math.abs(a[piv * k + col]) > 1e-13 * norm)) {
                return null;
            }
            if (piv != col) {
                for (int c = 0; c < k; c++) {
                    double tmp = a[col * k + c];
                    a[col * k + c] = a[piv * k + c];
                    a[piv * k + c] = tmp;
                }
                double tmp = b[col];
                b[col] = b[piv];
                b[piv] = tmp;
            }
            for (int row = col + 1; row < k; row++) {
                double f = a[row * k + col] / a[col * k + col];
                for (int c = col; c < k; c++) {
                    a[row * k + c] -= f * a[col * k + c];
                }
                b[row] -= f * b[col];
            }
        }
        double[] x = new double[k];
        for (int row = k - 1; row >= 0; row--) {
            double v = b[row];
            for (int c = row + 1; c < k; c++) {
                v -= a[row * k + c] * x[c];
            }
            x[row] = v / a[row * k + row];
        }
        return x;
    }
}
