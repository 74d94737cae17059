package io.volsurf.forecaster.iv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Regenerates every fitted coefficient array of {@link BlackImpliedVolatility} ({@code B_L_*}, {@code D_*},
 * {@code G_*}, {@code K_*}, {@code R_*}, {@code BU_*}, {@code KU_*}, {@code RU_*}, {@code INV_P_*},
 * {@code INV_Q_*}) from the closed forms in this package, and prints them as Java constants ready to paste,
 * each with its fit's maximum error on the nodes. Run after {@code ./mvnw -q -o -pl forecaster -am package
 * -DskipTests}:
 *
 * <pre>
 * java -cp forecaster/target/classes:forecaster/target/test-classes io.volsurf.forecaster.iv.IvFitGenerator
 * </pre>
 *
 * <p>The polynomial fits are what the original numpy scripts did ({@code Chebyshev.fit(t, y, deg,
 * domain=[-1, 1]).convert(kind=Polynomial)}): least squares in the Chebyshev basis with unit-norm columns, then
 * the monomial coefficients in t by Clenshaw's recurrence. numpy solves by SVD (LAPACK gelsd), this by
 * Householder QR, so the last digits of the coefficients may differ (see
 * {@code BlackImpliedVolatilityFitsTest}). The quantile rational is a linearised least-squares fit with Loeb's
 * reweighting. The nodes are
 * {@code -x = 1e-14 (720/1e-14)^(i/6000)}, {@code i = 0..6000}. {@code R_*} is fitted through the committed
 * {@link BlackImpliedVolatility#lowerTangentIntercept}, so refit {@code B_L_*} first, paste, rebuild, then
 * refit {@code R_*}.
 */
final class IvFitGenerator {

    /** The x nodes: geometric in -x over [1e-14, 720]. */
    static final int NODES = 6000;
    private static final double SQRT_ONE_OVER_THREE = 0.577350269189625764509148780501957455647601751270;
    private static final double TWO_PI_OVER_SQRT_TWENTY_SEVEN = 1.209199576156145233729385505094770488189377498728;

    /**
     * A fit {@code y ~ P(t)}, or {@code P(t)/Q(t)} with {@code Q(0) = 1} where {@code denominator} is non-null:
     * the constants' name prefixes, coefficients (index = power of t), the nodes and the values fitted there.
     */
    record Fit(String prefix, double[] numerator, String denominatorPrefix, double[] denominator, double[] t,
            double[] y, boolean relative) {

        static Fit polynomial(String prefix, double[] p, double[] t, double[] y, boolean relative) {
            return new Fit(prefix, p, null, null, t, y, relative);
        }

        double value(double[] p, double[] q, double t) {
            return q == null ? horner(p, t) : horner(p, t) / horner(q, t);
        }

        /** The largest error on the nodes of the fit with coefficients p (and q), relative or absolute. */
        double maxError(double[] p, double[] q) {
            double max = 0;
            for (int i = 0; i < t.length; i++) {
                double v = value(p, q, t[i]);
                max = Math.max(max, Math.abs(relative ? v / y[i] - 1 : v - y[i]));
            }
            return max;
        }

        double maxError() {
            return maxError(numerator, denominator);
        }
    }

    private IvFitGenerator() {
    }

    public static void main(String[] args) {
        for (Fit fit : fits()) {
            System.out.printf("    // %s: max %s error %.3g on %d nodes%n", fit.prefix(),
                    fit.relative() ? "relative" : "absolute", fit.maxError(), fit.t().length);
            print(fit.prefix(), fit.numerator(), 0);
            if (fit.denominator() != null) {
                print(fit.denominatorPrefix(), fit.denominator(), 1);
            }
        }
    }

    private static void print(String prefix, double[] coefficients, int from) {
        for (int i = from; i < coefficients.length; i++) {
            System.out.println("    private static final double " + prefix + i + " = " + coefficients[i] + ";");
        }
    }

    static List<Fit> fits() {
        List<Fit> fits = new ArrayList<>();
        fits.add(lowerTangentIntercept());
        fits.addAll(lowestBranchCorrection());
        fits.addAll(lowerMiddle());
        fits.addAll(upperMiddle());
        fits.add(quantileRational());
        return fits;
    }

    static double[] xNodes() {
        double[] x = new double[NODES + 1];
        for (int i = 0; i <= NODES; i++) {
            x[i] = -Math.exp(Math.log(1e-14) + (Math.log(720) - Math.log(1e-14)) * i / (double) NODES);
        }
        return x;
    }

    /** Exact values at s_l (the formulas of the lowest branch's closed forms, with erfcx everywhere). */
    private record LowerNode(double x, double sL, double bLOverBMax, double lnBL, double d1, double d1p) {

        static LowerNode of(double x) {
            double bMax = Math.exp(0.5 * x);
            double sC = Math.sqrt(-2 * x);
            double bC = NormalisedBlack.atInflectionPoint(x, bMax);
            double vC = NormalDistribution.ONE_OVER_SQRT_TWO_PI * bMax;
            double sL = sC - bC / vC;
            double hL = x / sL;
            double eL = NormalisedBlack.scaledVega(hL, 0.5 * sL);
            double bL = NormalisedBlack.outOfTheMoneyCall(hL, 0.5 * sL, bMax, eL);
            double ax = -x;
            double z = SQRT_ONE_OVER_THREE * ax / sL;
            double y = z * z;
            double q = Math.exp(0.125 * sL * sL);
            double w = NormalDistribution.ONE_OVER_SQRT_TWO * z;
            double millsRatio = NormalisedBlack.SQRT_PI_OVER_TWO * CodyErrorFunction.erfcx(w);
            double fpL = y * millsRatio * millsRatio * q;
            double lnFL = Math.log(TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax)
                    + 3 * (Math.log(millsRatio * NormalDistribution.ONE_OVER_SQRT_TWO_PI) - 0.5 * y);
            double lnBL = Math.log(bL);
            double d1 = lnFL - lnBL;
            double d1p = -lnBL * (fpL * Math.exp(lnBL - lnFL) - 1);
            // ln b_l as the scripts had it: through ln(b_l / b_max), as written to their CSV.
            double lnBLOverBMax = Math.log(bL) - 0.5 * x;
            return new LowerNode(x, sL, bL / bMax, lnBLOverBMax + 0.5 * x, d1, d1p);
        }
    }

    /** B_L: {@code (b_l / b_max)(1 + w^2)/w^2}, degree 9 in {@code t = (w-2)/(w+2)}, with its limit at t = 1. */
    static Fit lowerTangentIntercept() {
        double[] x = xNodes();
        int n = x.length;
        int limitPoints = 50;
        double[] t = new double[n + limitPoints];
        double[] y = new double[n + limitPoints];
        for (int i = 0; i < n; i++) {
            LowerNode node = LowerNode.of(x[i]);
            double w = Math.sqrt(-x[i]);
            t[i] = 2 * (w / (2 + w)) - 1;
            y[i] = node.bLOverBMax() * (1 + w * w) / (w * w);
        }
        // x -> -inf: b_l / b_max -> Phi(-sqrt(pi/2)), weighted by 50 repeated points.
        double limit = NormalDistribution.cdf(-Math.sqrt(Math.PI / 2));
        for (int i = n; i < n + limitPoints; i++) {
            t[i] = 1.0;
            y[i] = limit;
        }
        double[] p = chebyshevFitToMonomial(t, y, 9);
        // The error is measured (and the fit checked) on the real nodes only.
        return Fit.polynomial("B_L_", p, head(t, n), head(y, n), true);
    }

    /** D and G: D(1) - s_l^2/8 (degree 8) and dD/dv(1)/(-ln b_l (1+w)) (degree 7) in (w-4)/(w+4), -x <= 50. */
    static List<Fit> lowestBranchCorrection() {
        List<Double> ts = new ArrayList<>();
        List<Double> es = new ArrayList<>();
        List<Double> gs = new ArrayList<>();
        for (double x : xNodes()) {
            if (-x > 50) {
                continue;
            }
            LowerNode node = LowerNode.of(x);
            double w = Math.sqrt(-x);
            ts.add(2 * (w / (4 + w)) - 1);
            es.add(node.d1() - node.sL() * node.sL() / 8);
            gs.add(node.d1p() / (-node.lnBL()) / (1 + w));
        }
        double[] t = unbox(ts);
        double[] e = unbox(es);
        double[] g = unbox(gs);
        double[] pD = chebyshevFitToMonomial(t, e, 8);
        double[] pG = chebyshevFitToMonomial(t, g, 7);
        return List.of(Fit.polynomial("D_", pD, t, e, false), Fit.polynomial("G_", pG, t, g, false));
    }

    /** K: b_max / v_l; R: the lower-middle control r times w/(1+w); both degree 7 in (w-2)/(w+2). */
    static List<Fit> lowerMiddle() {
        double[] x = xNodes();
        int n = x.length;
        double[] u = new double[n];
        double[] k = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double bMax = Math.exp(0.5 * x[i]);
            double sC = Math.sqrt(-2 * x[i]);
            double bC = NormalisedBlack.atInflectionPoint(x[i], bMax);
            double vC = NormalDistribution.ONE_OVER_SQRT_TWO_PI * bMax;
            double sL = sC - bC / vC;
            // The fitted b_l, as the guesses use it.
            double bL = BlackImpliedVolatility.lowerTangentIntercept(x[i], sC, bMax);
            double vL = NormalDistribution.ONE_OVER_SQRT_TWO_PI * NormalisedBlack.scaledVega(x[i] / sL, 0.5 * sL);
            double control = RationalCubic.convexControlToFitSecondDerivativeAtRight(bL, bC, sL, sC, 1 / vL,
                    1 / vC, 0.0, false);
            double w = Math.sqrt(-x[i]);
            u[i] = (w - 2) / (w + 2);
            r[i] = control * w / (1 + w);
            k[i] = 1 / (vL / bMax);
        }
        double[] pR = chebyshevFitToMonomial(u, r, 7);
        double[] pK = chebyshevFitToMonomial(u, k, 7);
        return List.of(Fit.polynomial("R_", pR, u, r, true), Fit.polynomial("K_", pK, u, k, true));
    }

    /** BU: b_u / b_max (degree 10); KU: b_max / v_u (degree 10); RU: the upper-middle control (degree 9). */
    static List<Fit> upperMiddle() {
        double[] x = xNodes();
        int n = x.length;
        double[] u = new double[n];
        double[] bu = new double[n];
        double[] ku = new double[n];
        double[] ru = new double[n];
        for (int i = 0; i < n; i++) {
            double bMax = Math.exp(0.5 * x[i]);
            double sC = Math.sqrt(-2 * x[i]);
            double bC = NormalisedBlack.atInflectionPoint(x[i], bMax);
            double vC = NormalDistribution.ONE_OVER_SQRT_TWO_PI * bMax;
            double sU = sC + (bMax - bC) / vC;
            double hU = x[i] / sU;
            double eU = NormalisedBlack.scaledVega(hU, 0.5 * sU);
            double bU = NormalisedBlack.outOfTheMoneyCall(hU, 0.5 * sU, bMax, eU);
            double vU = NormalDistribution.ONE_OVER_SQRT_TWO_PI * eU;
            double w = Math.sqrt(-x[i]);
            u[i] = (w - 2) / (w + 2);
            bu[i] = bU / bMax;
            ku[i] = bMax / vU;
            ru[i] = RationalCubic.convexControlToFitSecondDerivativeAtLeft(bC, bU, sC, sU, 1 / vC, 1 / vU, 0.0,
                    false);
        }
        double[] pB = chebyshevFitToMonomial(u, bu, 10);
        double[] pK = chebyshevFitToMonomial(u, ku, 10);
        double[] pR = chebyshevFitToMonomial(u, ru, 9);
        return List.of(Fit.polynomial("BU_", pB, u, bu, true), Fit.polynomial("KU_", pK, u, ku, true),
                Fit.polynomial("RU_", pR, u, ru, true));
    }

    /**
     * INV_P / INV_Q: {@code -Phi^{-1}(e^{-r^2}) = P(r-3)/Q(r-3)}, degree 4 each, {@code Q(0) = 1}, on 40,001
     * equally spaced r in [0.9, 5.5]: linearised least squares {@code P - z (Q - 1) = z} relative to z, reweighted
     * by the previous Q (Loeb), 8 passes.
     */
    static Fit quantileRational() {
        int n = 40001;
        int degree = 4;
        double lo = 0.9;
        double hi = 5.5;
        double step = (hi - lo) / (n - 1);
        double[] t = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double r = i == n - 1 ? hi : lo + i * step;
            t[i] = r - 3.0;
            z[i] = -NormalDistribution.inverseCdfOfExp(-r * r);
        }
        double[] weight = new double[n];
        Arrays.fill(weight, 1.0);
        double[] p = null;
        double[] q = null;
        for (int pass = 0; pass < 8; pass++) {
            double[][] a = new double[n][2 * degree + 1];
            double[] rhs = new double[n];
            for (int i = 0; i < n; i++) {
                double scale = z[i] * weight[i];
                double power = 1;
                for (int j = 0; j <= degree; j++) {
                    a[i][j] = power / scale;
                    if (j > 0) {
                        a[i][degree + j] = -z[i] * power / scale;
                    }
                    power *= t[i];
                }
                rhs[i] = 1 / weight[i];
            }
            double[] c = leastSquares(a, rhs);
            p = Arrays.copyOfRange(c, 0, degree + 1);
            q = new double[degree + 1];
            q[0] = 1.0;
            System.arraycopy(c, degree + 1, q, 1, degree);
            for (int i = 0; i < n; i++) {
                weight[i] = horner(q, t[i]);
            }
        }
        return new Fit("INV_P_", p, "INV_Q_", q, t, z, true);
    }

    /**
     * numpy's {@code Chebyshev.fit(t, y, degree, domain=[-1, 1]).convert(kind=Polynomial).coef}: least squares
     * in T_0..T_degree with columns scaled to unit norm, then the power-basis coefficients.
     */
    static double[] chebyshevFitToMonomial(double[] t, double[] y, int degree) {
        int n = t.length;
        int m = degree + 1;
        double[][] a = new double[n][m];
        for (int i = 0; i < n; i++) {
            a[i][0] = 1;
            if (m > 1) {
                a[i][1] = t[i];
            }
            double t2 = 2 * t[i];
            for (int k = 2; k < m; k++) {
                a[i][k] = a[i][k - 1] * t2 - a[i][k - 2];
            }
        }
        double[] scale = new double[m];
        for (int k = 0; k < m; k++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += a[i][k] * a[i][k];
            }
            scale[k] = sum == 0 ? 1 : Math.sqrt(sum);
            for (int i = 0; i < n; i++) {
                a[i][k] /= scale[k];
            }
        }
        double[] c = leastSquares(a, y.clone());
        for (int k = 0; k < m; k++) {
            c[k] /= scale[k];
        }
        return chebyshevToMonomial(c);
    }

    /** Clenshaw's recurrence on polynomials, as numpy's chebval evaluates a series at the identity. */
    static double[] chebyshevToMonomial(double[] c) {
        int m = c.length;
        if (m == 1) {
            return c.clone();
        }
        double[] c0 = {c[m - 2]};
        double[] c1 = {c[m - 1]};
        for (int i = 3; i <= m; i++) {
            double[] tmp = c0;
            c0 = subtract(new double[] {c[m - i]}, c1);
            c1 = add(tmp, timesTwoT(c1));
        }
        double[] result = add(c0, timesT(c1));
        return Arrays.copyOf(result, m);
    }

    private static double[] add(double[] a, double[] b) {
        double[] r = new double[Math.max(a.length, b.length)];
        for (int i = 0; i < r.length; i++) {
            r[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
        }
        return r;
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] r = new double[Math.max(a.length, b.length)];
        for (int i = 0; i < r.length; i++) {
            r[i] = (i < a.length ? a[i] : 0) - (i < b.length ? b[i] : 0);
        }
        return r;
    }

    private static double[] timesT(double[] a) {
        double[] r = new double[a.length + 1];
        System.arraycopy(a, 0, r, 1, a.length);
        return r;
    }

    private static double[] timesTwoT(double[] a) {
        double[] r = new double[a.length + 1];
        for (int i = 0; i < a.length; i++) {
            r[i + 1] = 2 * a[i];
        }
        return r;
    }

    /** Minimises {@code |a c - b|_2} by Householder QR (a has full column rank); a and b are overwritten. */
    static double[] leastSquares(double[][] a, double[] b) {
        int n = a.length;
        int m = a[0].length;
        for (int k = 0; k < m; k++) {
            double norm = 0;
            for (int i = k; i < n; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            double alpha = a[k][k] > 0 ? -norm : norm;
            // v = a_k - alpha e_k, stored in column k below the diagonal; H = I - 2 v v^T / (v^T v).
            a[k][k] -= alpha;
            double vv = 0;
            for (int i = k; i < n; i++) {
                vv += a[i][k] * a[i][k];
            }
            for (int j = k + 1; j < m; j++) {
                double dot = 0;
                for (int i = k; i < n; i++) {
                    dot += a[i][k] * a[i][j];
                }
                double f = 2 * dot / vv;
                for (int i = k; i < n; i++) {
                    a[i][j] -= f * a[i][k];
                }
            }
            double dot = 0;
            for (int i = k; i < n; i++) {
                dot += a[i][k] * b[i];
            }
            double f = 2 * dot / vv;
            for (int i = k; i < n; i++) {
                b[i] -= f * a[i][k];
            }
            a[k][k] = alpha;
        }
        double[] c = new double[m];
        for (int k = m - 1; k >= 0; k--) {
            double sum = b[k];
            for (int j = k + 1; j < m; j++) {
                sum -= a[k][j] * c[j];
            }
            c[k] = sum / a[k][k];
        }
        return c;
    }

    static double horner(double[] p, double t) {
        double v = 0;
        for (int i = p.length - 1; i >= 0; i--) {
            v = v * t + p[i];
        }
        return v;
    }

    private static double[] head(double[] a, int n) {
        return Arrays.copyOf(a, n);
    }

    private static double[] unbox(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
