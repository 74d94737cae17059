package io.volsurf.forecaster.svi;

/**
 * The inner problem of Zeliade's quasi-explicit SVI calibration (Zeliade Systems, "Quasi-explicit
 * calibration of Gatheral's SVI model", 2009). For fixed {@code (m, sigma)}, with {@code y = (k - m)/sigma},
 * the slice is linear in {@code (a, d, c) = (a, rho b sigma, b sigma)}:
 * <pre>  w(y) = a + d y + c sqrt(y^2 + 1)</pre>
 * and the weighted least squares over the polytope
 * <pre>  |d| <= (1 - eps) c,   c + d <= S_R sigma,   c - d <= S_L sigma</pre>
 * (right and left wing slopes {@code b(1 + rho) <= S_R}, {@code b(1 - rho) <= S_L})
 * is solved exactly: the unconstrained normal equations first, else the best feasible minimiser over every
 * face of the polytope (a strictly convex quadratic attains its constrained minimum at the minimiser of
 * the face on whose relative interior it lies). The minimum variance {@code a + sqrt(c^2 - d^2)} must not
 * be negative: a candidate below is moved to {@code a = -sqrt(c^2 - d^2)}, the best admissible level for its
 * {@code (d, c)} since the objective is a convex parabola in {@code a}.
 *
 * <p>Not thread-safe: holds scratch arrays; create one per calibration.
 */
final class QuasiExplicitSvi {

    private static final double RHO_MARGIN = 1e-6;
    private static final int CONSTRAINTS = 6;
    /** Rows of g in use in this solve: 4, or 6 with the asymptote rows. */
    private int constraints = 4;

    private final SviSliceQuotes quotes;
    private final double maxWingSlope;
    private final double sumWeightedSquares;
    /** Per quote: log-moneyness, weight, weight times total variance; and the sums of the last two. */
    private final double[] k;
    private final double[] v;
    private final double[] vw;
    private final double sumWeights;
    private final double sumWeightedVariance;
    // Constraint rows G theta <= h for theta = (a, d, c); h depends on sigma.
    private final double[][] g = new double[CONSTRAINTS][];
    private final double[] h = new double[CONSTRAINTS];
    private final double[] m = new double[9];
    private final double[] minv = new double[9];
    private final double[] r = new double[3];
    private final double[] theta = new double[3];
    private final double[] candidate = new double[3];
    // Per-solve products shared by every face (the face enumeration runs up to 41 faces per solve):
    // minv r, minv g_i, g_i . minv r - h_i and g_i . minv g_j.
    private final double[] mr = new double[3];
    private final double[][] mg = new double[CONSTRAINTS][3];
    private final double[] faceRhs = new double[CONSTRAINTS];
    private final double[][] gmg = new double[CONSTRAINTS][CONSTRAINTS];
    /** Multipliers of the active rows of the face being solved. */
    private final double[] lambda = new double[3];
    /** Last solution (a, d, c). */
    final double[] best = new double[3];

    QuasiExplicitSvi(SviSliceQuotes quotes, double maxWingSlope) {
        this.quotes = quotes;
        this.maxWingSlope = maxWingSlope;
        double s = 0;
        for (int i = 0; i < quotes.size(); i++) {
            s += quotes.weight(i) * quotes.w(i) * quotes.w(i);
        }
        this.sumWeightedSquares = s;
        // The (m, sigma)-free parts of the normal equations, summed in the same order as solve summed them.
        int n = quotes.size();
        k = new double[n];
        v = new double[n];
        vw = new double[n];
        double sv = 0;
        double svw = 0;
        for (int i = 0; i < n; i++) {
            k[i] = quotes.k(i);
            v[i] = quotes.weight(i);
            vw[i] = v[i] * quotes.w(i);
            sv += v[i];
            svw += vw[i];
        }
        sumWeights = sv;
        sumWeightedVariance = svw;
        double q = 1 - RHO_MARGIN;
        g[0] = new double[] {0, 1, -q};
        g[1] = new double[] {0, -1, -q};
        g[2] = new double[] {0, 1, 1};
        g[3] = new double[] {0, -1, 1};
        // Rows 4 and 5 (set per solve, they depend on m / sigma): both wing asymptotes at k = 0 are >= 0.
        g[4] = new double[3];
        g[5] = new double[3];
    }

    double sumWeightedSquares() {
        return sumWeightedSquares;
    }

    /**
     * Minimum weighted sum of squared total-variance residuals for fixed {@code (m, sigma)} under the wing-slope
     * cap given at construction; the optimal {@code (a, d, c)} is left in {@link #best}. Returns +infinity when
     * the normal equations are singular.
     */
    double solve(double mShift, double sigma) {
        return solve(mShift, sigma, maxWingSlope);
    }

    /** As {@link #solve(double, double)} with wing slopes {@code b(1 +- rho) <= slopeCap} instead. */
    double solve(double mShift, double sigma, double slopeCap) {
        return solve(mShift, sigma, slopeCap, slopeCap);
    }

    /**
     * As {@link #solve(double, double)} with the left wing slope {@code b(1 - rho) <= leftSlopeCap} and the right
     * wing slope {@code b(1 + rho) <= rightSlopeCap}.
     */
    double solve(double mShift, double sigma, double leftSlopeCap, double rightSlopeCap) {
        return solve(mShift, sigma, leftSlopeCap, rightSlopeCap, Double.NaN);
    }

    /**
     * As {@link #solve(double, double, double, double)}; unless {@code asymptoteFloor} is NaN, also both wing
     * asymptotes at {@code k = 0}, {@code a - b(1 + rho) m} (right) and {@code a + b(1 - rho) m} (left), must be
     * {@code >= -asymptoteFloor}. With floor 0, {@code k w'/(2w) <= 1/2} wherever {@code k w' > 0}, so the first term
     * of Durrleman's g is at least 1/4 everywhere: the linear part of a sufficient no-butterfly condition.
     */
    double solve(double mShift, double sigma, double leftSlopeCap, double rightSlopeCap, double asymptoteFloor) {
        constraints = Double.isNaN(asymptoteFloor) ? 4 : 6;
        double sy = 0, sz = 0, syy = 0, syz = 0, szz = 0, ry = 0, rz = 0;
        double invSigma = 1 / sigma;
        double[] k = this.k;
        double[] v = this.v;
        double[] vw = this.vw;
        for (int i = 0; i < k.length; i++) {
            double y = (k[i] - mShift) * invSigma;
            double z = Math.sqrt(y * y + 1);
            double vy = v[i] * y;
            double vz = v[i] * z;
            sy += vy;
            sz += vz;
            syy += vy * y;
            syz += vy * z;
            szz += vz * z;
            ry += vw[i] * y;
            rz += vw[i] * z;
        }
        double s1 = sumWeights;
        double rw = sumWeightedVariance;
        m[0] = s1; m[1] = sy; m[2] = sz;
        m[3] = sy; m[4] = syy; m[5] = syz;
        m[6] = sz; m[7] = syz; m[8] = szz;
        r[0] = rw; r[1] = ry; r[2] = rz;
        if (!invert3(m, minv)) {
            return Double.POSITIVE_INFINITY;
        }
        h[0] = 0;
        h[1] = 0;
        h[2] = rightSlopeCap * sigma;
        h[3] = leftSlopeCap * sigma;
        double mOverSigma = mShift * invSigma;
        g[4][0] = -1;
        g[4][1] = mOverSigma;
        g[4][2] = mOverSigma;
        h[4] = asymptoteFloor;
        g[5][0] = -1;
        g[5][1] = mOverSigma;
        g[5][2] = -mOverSigma;
        h[5] = asymptoteFloor;
        multiply(minv, r, theta);
        if (feasible(theta)) {
            liftMinimumVariance(theta);
            System.arraycopy(theta, 0, best, 0, 3);
            return objective(theta);
        }
        prepareFaces();
        double bestValue = Double.POSITIVE_INFINITY;
        // Faces with one, two and three active constraints.
        for (int i = 0; i < constraints; i++) {
            bestValue = tryFace(bestValue, i, -1, -1);
            for (int j = i + 1; j < constraints; j++) {
                bestValue = tryFace(bestValue, i, j, -1);
                for (int l = j + 1; l < constraints; l++) {
                    bestValue = tryFace(bestValue, i, j, l);
                }
            }
        }
        return bestValue;
    }

    private double tryFace(double bestValue, int i, int j, int l) {
        if (!faceMinimiser(i, j, l, candidate) || !feasible(candidate)) {
            return bestValue;
        }
        liftMinimumVariance(candidate);
        double value = objective(candidate);
        if (value < bestValue) {
            System.arraycopy(candidate, 0, best, 0, 3);
            return value;
        }
        return bestValue;
    }

    /** The face-independent products of {@link #faceMinimiser}, once per solve (same arithmetic as per face). */
    private void prepareFaces() {
        multiply(minv, r, mr);
        for (int p = 0; p < constraints; p++) {
            multiply(minv, g[p], mg[p]);
            faceRhs[p] = dot(g[p], mr) - h[p];
        }
        for (int p = 0; p < constraints; p++) {
            for (int q = 0; q < constraints; q++) {
                gmg[p][q] = dot(g[p], mg[q]);
            }
        }
    }

    /**
     * Minimiser of the quadratic on {@code A theta = h_A} for the active rows given (-1 = unused):
     * {@code theta = M^-1 (r - A^T lambda)} with {@code (A M^-1 A^T) lambda = A M^-1 r - h_A}.
     */
    private boolean faceMinimiser(int i, int j, int l, double[] out) {
        boolean solved;
        if (l >= 0) {
            solved = solve3(gmg[i][i], gmg[i][j], gmg[i][l], gmg[j][i], gmg[j][j], gmg[j][l], gmg[l][i], gmg[l][j],
                    gmg[l][l], faceRhs[i], faceRhs[j], faceRhs[l], lambda);
        } else if (j >= 0) {
            solved = solve2(gmg[i][i], gmg[i][j], gmg[j][i], gmg[j][j], faceRhs[i], faceRhs[j], lambda);
        } else {
            solved = solve1(gmg[i][i], faceRhs[i], lambda);
        }
        if (!solved) {
            return false;
        }
        double[] gi = mg[i];
        if (l >= 0) {
            double[] gj = mg[j];
            double[] gl = mg[l];
            for (int c = 0; c < 3; c++) {
                out[c] = mr[c] - gi[c] * lambda[0] - gj[c] * lambda[1] - gl[c] * lambda[2];
            }
        } else if (j >= 0) {
            double[] gj = mg[j];
            for (int c = 0; c < 3; c++) {
                out[c] = mr[c] - gi[c] * lambda[0] - gj[c] * lambda[1];
            }
        } else {
            for (int c = 0; c < 3; c++) {
                out[c] = mr[c] - gi[c] * lambda[0];
            }
        }
        return true;
    }

    /*
     * solve1..3: Gaussian elimination with partial pivoting, written out for k = 1, 2, 3 (the face systems); the
     * same operations in the same order as the generic loop they replace (QuasiExplicitSviTest checks it bit for
     * bit), with the pivot test |pivot| > 1e-13 max|a_ij| of the system as given. False when singular.
     */

    static boolean solve1(double a00, double b0, double[] x) {
        double norm = Math.max(0, Math.abs(a00));
        if (!(Math.abs(a00) > 1e-13 * norm)) {
            return false;
        }
        x[0] = b0 / a00;
        return true;
    }

    static boolean solve2(double a00, double a01, double a10, double a11, double b0, double b1, double[] x) {
        double norm = Math.max(Math.max(Math.max(Math.max(0, Math.abs(a00)), Math.abs(a01)), Math.abs(a10)),
                Math.abs(a11));
        if (Math.abs(a10) > Math.abs(a00)) {
            double t = a00; a00 = a10; a10 = t;
            t = a01; a01 = a11; a11 = t;
            t = b0; b0 = b1; b1 = t;
        }
        if (!(Math.abs(a00) > 1e-13 * norm)) {
            return false;
        }
        double f = a10 / a00;
        a11 -= f * a01;
        b1 -= f * b0;
        if (!(Math.abs(a11) > 1e-13 * norm)) {
            return false;
        }
        double x1 = b1 / a11;
        x[1] = x1;
        x[0] = (b0 - a01 * x1) / a00;
        return true;
    }

    static boolean solve3(double a00, double a01, double a02, double a10, double a11, double a12, double a20,
            double a21, double a22, double b0, double b1, double b2, double[] x) {
        double norm = Math.max(0, Math.abs(a00));
        norm = Math.max(norm, Math.abs(a01));
        norm = Math.max(norm, Math.abs(a02));
        norm = Math.max(norm, Math.abs(a10));
        norm = Math.max(norm, Math.abs(a11));
        norm = Math.max(norm, Math.abs(a12));
        norm = Math.max(norm, Math.abs(a20));
        norm = Math.max(norm, Math.abs(a21));
        norm = Math.max(norm, Math.abs(a22));
        double t;
        // Column 0: pivot row 0, 1 or 2 (first largest).
        if (Math.abs(a10) > Math.abs(a00)) {
            if (Math.abs(a20) > Math.abs(a10)) {
                t = a00; a00 = a20; a20 = t;
                t = a01; a01 = a21; a21 = t;
                t = a02; a02 = a22; a22 = t;
                t = b0; b0 = b2; b2 = t;
            } else {
                t = a00; a00 = a10; a10 = t;
                t = a01; a01 = a11; a11 = t;
                t = a02; a02 = a12; a12 = t;
                t = b0; b0 = b1; b1 = t;
            }
        } else if (Math.abs(a20) > Math.abs(a00)) {
            t = a00; a00 = a20; a20 = t;
            t = a01; a01 = a21; a21 = t;
            t = a02; a02 = a22; a22 = t;
            t = b0; b0 = b2; b2 = t;
        }
        if (!(Math.abs(a00) > 1e-13 * norm)) {
            return false;
        }
        double f = a10 / a00;
        a11 -= f * a01;
        a12 -= f * a02;
        b1 -= f * b0;
        f = a20 / a00;
        a21 -= f * a01;
        a22 -= f * a02;
        b2 -= f * b0;
        // Column 1.
        if (Math.abs(a21) > Math.abs(a11)) {
            t = a11; a11 = a21; a21 = t;
            t = a12; a12 = a22; a22 = t;
            t = b1; b1 = b2; b2 = t;
        }
        if (!(Math.abs(a11) > 1e-13 * norm)) {
            return false;
        }
        f = a21 / a11;
        a22 -= f * a12;
        b2 -= f * b1;
        if (!(Math.abs(a22) > 1e-13 * norm)) {
            return false;
        }
        double x2 = b2 / a22;
        double x1 = (b1 - a12 * x2) / a11;
        x[2] = x2;
        x[1] = x1;
        x[0] = (b0 - a01 * x1 - a02 * x2) / a00;
        return true;
    }

    private static void liftMinimumVariance(double[] t) {
        double floor = -Math.sqrt(Math.max(t[2] * t[2] - t[1] * t[1], 0.0));
        if (t[0] < floor) {
            t[0] = floor;
        }
    }

    private boolean feasible(double[] t) {
        for (int i = 0; i < constraints; i++) {
            double lhs = dot(g[i], t);
            if (lhs > h[i] + 1e-12 * (Math.abs(h[i]) + Math.abs(t[0]) + Math.abs(t[1]) + Math.abs(t[2]))) {
                return false;
            }
        }
        return true;
    }

    /** {@code theta^T M theta - 2 r^T theta + sum v w^2}: the weighted SSE, floored at 0 against round-off. */
    private double objective(double[] t) {
        double quad = 0;
        for (int p = 0; p < 3; p++) {
            double row = 0;
            for (int q = 0; q < 3; q++) {
                row += m[p * 3 + q] * t[q];
            }
            quad += t[p] * row;
        }
        return Math.max(quad - 2 * dot(r, t) + sumWeightedSquares, 0.0);
    }

    private static double dot(double[] x, double[] y) {
        return x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
    }

    private static void multiply(double[] a, double[] x, double[] out) {
        out[0] = a[0] * x[0] + a[1] * x[1] + a[2] * x[2];
        out[1] = a[3] * x[0] + a[4] * x[1] + a[5] * x[2];
        out[2] = a[6] * x[0] + a[7] * x[1] + a[8] * x[2];
    }

    private static boolean invert3(double[] a, double[] inv) {
        double c00 = a[4] * a[8] - a[5] * a[7];
        double c01 = a[5] * a[6] - a[3] * a[8];
        double c02 = a[3] * a[7] - a[4] * a[6];
        double det = a[0] * c00 + a[1] * c01 + a[2] * c02;
        double scale = Math.abs(a[0] * a[4] * a[8]) + Double.MIN_NORMAL;
        if (!(Math.abs(det) > 1e-14 * scale)) {
            return false;
        }
        double id = 1 / det;
        inv[0] = c00 * id;
        inv[1] = (a[2] * a[7] - a[1] * a[8]) * id;
        inv[2] = (a[1] * a[5] - a[2] * a[4]) * id;
        inv[3] = c01 * id;
        inv[4] = (a[0] * a[8] - a[2] * a[6]) * id;
        inv[5] = (a[2] * a[3] - a[0] * a[5]) * id;
        inv[6] = c02 * id;
        inv[7] = (a[1] * a[6] - a[0] * a[7]) * id;
        inv[8] = (a[0] * a[4] - a[1] * a[3]) * id;
        return true;
    }
}
