package io.volsurf.forecaster.model;

import io.volsurf.forecaster.svi.SviParams;

/**
 * Fits one SVI smile to a grid row's total variances (a handful of knots), in the unconstrained coordinates of
 * {@link SviConstraint} so that every iterate is a valid slice. Levenberg-Marquardt on relative residuals with a
 * weak pull towards the starting point, which keeps 5 parameters on few knots well posed. Used for the SVI head's
 * starting point (the fit of the residual-base surface) and to give grid-head rows a smile for the projector.
 */
public final class SviRowFitter {

    /**
     * @param unconstrained the fit in {@link SviConstraint} coordinates
     * @param params        the fitted smile
     * @param relativeRmse  RMSE of the fit divided by the row's mean total variance
     */
    public record RowFit(double[] unconstrained, SviParams params, double relativeRmse) {
    }

    private static final double PRIOR_WEIGHT = 1e-3;
    private static final int ITERATIONS = 60;

    /**
     * @param k log-moneyness of the row's points
     * @param w total variance of the row's points, all finite and >= 0
     */
    public RowFit fit(double[] k, double[] w) {
        int n = k.length;
        if (n == 0 || w.length != n) {
            throw new IllegalArgumentException("k/w: a row needs matching, non-empty arrays");
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(k[i]) || !Double.isFinite(w[i]) || w[i] < 0) {
                throw new IllegalArgumentException("row total variance/log-moneyness not finite or negative at " + i);
            }
            mean += w[i] / n;
            min = Math.min(min, w[i]);
        }
        double scale = Math.max(mean, 1e-10);
        double[] u0 = start(k, w, min);
        double[] u = u0.clone();
        double lambda = 1e-2;
        double cost = cost(u, u0, k, w, scale);
        for (int it = 0; it < ITERATIONS; it++) {
            double[] r = residuals(u, u0, k, w, scale);
            double[][] jac = new double[r.length][5];
            for (int p = 0; p < 5; p++) {
                double h = 1e-6 * Math.max(1, Math.abs(u[p]));
                double[] up = u.clone();
                up[p] += h;
                double[] rp = residuals(up, u0, k, w, scale);
                for (int i = 0; i < r.length; i++) {
                    jac[i][p] = (rp[i] - r[i]) / h;
                }
            }
            double[][] jtj = new double[5][5];
            double[] jtr = new double[5];
            for (int i = 0; i < r.length; i++) {
                for (int p = 0; p < 5; p++) {
                    jtr[p] += jac[i][p] * r[i];
                    for (int q = 0; q < 5; q++) {
                        jtj[p][q] += jac[i][p] * jac[i][q];
                    }
                }
            }
            boolean improved = false;
            for (int attempt = 0; attempt < 8 && !improved; attempt++) {
                double[][] a = new double[5][6];
                for (int p = 0; p < 5; p++) {
                    System.arraycopy(jtj[p], 0, a[p], 0, 5);
                    a[p][p] += lambda * (jtj[p][p] + 1e-12);
                    a[p][5] = -jtr[p];
                }
                double[] step = solve(a);
                double[] trial = u.clone();
                for (int p = 0; p < 5; p++) {
                    trial[p] += step[p];
                }
                double c = cost(trial, u0, k, w, scale);
                if (Double.isFinite(c) && c < cost) {
                    u = trial;
                    cost = c;
                    lambda = Math.max(lambda / 3, 1e-9);
                    improved = true;
                } else {
                    lambda *= 4;
                }
            }
            if (!improved) {
                break;
            }
        }
        SviParams params = SviConstraint.constrain(u);
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double e = params.totalVariance(k[i]) - w[i];
            sq += e * e;
        }
        return new RowFit(u, params, Math.sqrt(sq / n) / scale);
    }

    private static double[] start(double[] k, double[] w, double min) {
        int n = k.length;
        double span = n > 1 ? k[n - 1] - k[0] : 0.2;
        double left = n > 1 ? (w[1] - w[0]) / Math.max(k[1] - k[0], 1e-9) : 0;
        double right = n > 1 ? (w[n - 1] - w[n - 2]) / Math.max(k[n - 1] - k[n - 2], 1e-9) : 0;
        double b = Math.max((right - left) / 2, 1e-3 * Math.max(min, 1e-6));
        double rho = Math.max(-0.9, Math.min(0.9, (right + left) / (2 * b)));
        double sigma = Math.max(0.1 * Math.abs(span), 1e-3);
        double minVar = Math.max(0.9 * min, 1e-10);
        return SviConstraint.unconstrain(new SviParams(minVar - b * sigma * Math.sqrt(1 - rho * rho), b, rho, 0, sigma));
    }

    private static double[] residuals(double[] u, double[] u0, double[] k, double[] w, double scale) {
        SviParams p = SviConstraint.constrain(u);
        double[] r = new double[k.length + 5];
        for (int i = 0; i < k.length; i++) {
            r[i] = (p.totalVariance(k[i]) - w[i]) / scale;
        }
        for (int j = 0; j < 5; j++) {
            r[k.length + j] = Math.sqrt(PRIOR_WEIGHT) * (u[j] - u0[j]) * 0.1;
        }
        return r;
    }

    private static double cost(double[] u, double[] u0, double[] k, double[] w, double scale) {
        double c = 0;
        for (double v : residuals(u, u0, k, w, scale)) {
            c += v * v;
        }
        return c;
    }

    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double d = a[col][col];
            if (Math.abs(d) < 1e-300) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col] / d;
                    for (int c = col; c <= n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.abs(a[i][i]) < 1e-300 ? 0 : a[i][n] / a[i][i];
        }
        return x;
    }
}
