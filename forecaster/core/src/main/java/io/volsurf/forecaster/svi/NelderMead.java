package io.volsurf.forecaster.svi;

import java.util.function.ToDoubleFunction;

/** Nelder–Mead simplex minimisation (standard coefficients 1, 2, 1/2, 1/2), for the few-dimensional SVI searches. */
final class NelderMead {

    /** Result: the best point, its value and the evaluations used. */
    record Result(double[] point, double value, int evaluations) {
    }

    private NelderMead() {
    }

    /**
     * @param f             objective
     * @param start         starting point
     * @param steps         initial simplex offsets per coordinate
     * @param maxEvaluations budget
     * @param relTolerance  stop when the simplex values agree to this relative spread
     * @param absTolerance  ... or to this absolute spread
     */
    static Result minimise(ToDoubleFunction<double[]> f, double[] start, double[] steps, int maxEvaluations,
            double relTolerance, double absTolerance) {
        int n = start.length;
        double[][] x = new double[n + 1][];
        double[] fx = new double[n + 1];
        x[0] = start.clone();
        fx[0] = f.applyAsDouble(x[0]);
        int evals = 1;
        for (int i = 0; i < n; i++) {
            x[i + 1] = start.clone();
            x[i + 1][i] += steps[i];
            fx[i + 1] = f.applyAsDouble(x[i + 1]);
            evals++;
        }
        double[] centroid = new double[n];
        double[] xr = new double[n];
        double[] xe = new double[n];
        double[] xc = new double[n];
        while (evals < maxEvaluations) {
            sort(x, fx);
            double spread = fx[n] - fx[0];
            if (spread <= relTolerance * Math.abs(fx[0]) || spread <= absTolerance) {
                break;
            }
            java.util.Arrays.fill(centroid, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += x[i][j] / n;
                }
            }
            for (int j = 0; j < n; j++) {
                xr[j] = centroid[j] + (centroid[j] - x[n][j]);
            }
            double fr = f.applyAsDouble(xr);
            evals++;
            if (fr < fx[0]) {
                for (int j = 0; j < n; j++) {
                    xe[j] = centroid[j] + 2 * (centroid[j] - x[n][j]);
                }
                double fe = f.applyAsDouble(xe);
                evals++;
                if (fe < fr) {
                    replace(x, fx, n, xe, fe);
                } else {
                    replace(x, fx, n, xr, fr);
                }
            } else if (fr < fx[n - 1]) {
                replace(x, fx, n, xr, fr);
            } else {
                boolean outside = fr < fx[n];
                for (int j = 0; j < n; j++) {
                    xc[j] = outside ? centroid[j] + 0.5 * (xr[j] - centroid[j])
                            : centroid[j] + 0.5 * (x[n][j] - centroid[j]);
                }
                double fc = f.applyAsDouble(xc);
                evals++;
                if (fc < Math.min(fr, fx[n])) {
                    replace(x, fx, n, xc, fc);
                } else {
                    for (int i = 1; i <= n; i++) {
                        for (int j = 0; j < n; j++) {
                            x[i][j] = x[0][j] + 0.5 * (x[i][j] - x[0][j]);
                        }
                        fx[i] = f.applyAsDouble(x[i]);
                        evals++;
                    }
                }
            }
        }
        sort(x, fx);
        return new Result(x[0].clone(), fx[0], evals);
    }

    private static void replace(double[][] x, double[] fx, int i, double[] point, double value) {
        System.arraycopy(point, 0, x[i], 0, point.length);
        fx[i] = value;
    }

    private static void sort(double[][] x, double[] fx) {
        for (int i = 1; i < fx.length; i++) {
            double fv = fx[i];
            double[] xv = x[i];
            int j = i - 1;
            // NaN sorts last so it is the first point replaced.
            while (j >= 0 && (fx[j] > fv || (Double.isNaN(fx[j]) && !Double.isNaN(fv)))) {
                fx[j + 1] = fx[j];
                x[j + 1] = x[j];
                j--;
            }
            fx[j + 1] = fv;
            x[j + 1] = xv;
        }
    }
}
