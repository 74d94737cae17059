package io.volsurf.forecaster.iv;

/**
 * Complementary error function {@code erfc(x)} and its scaled form {@code erfcx(x) = exp(x^2) erfc(x)}
 * by W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for the error
 * function", Math. Comp. 1969; the SPECFUN routine CALERF), accurate to about 1e-16 relative.
 *
 * <p>{@code erfcx} is what makes the normalised Black function accurate far out of the money: for
 * {@code x > 4} it needs no exponential at all, so {@code exp(-z^2/2)} round-off does not eat digits.
 */
final class CodyErrorFunction {

    private static final double[] A = {3.1611237438705656, 113.864154151050156, 377.485237685302021,
        3209.37758913846947, 0.185777706184603153};
    private static final double[] B = {23.6012909523441209, 244.024637934444173, 1282.61652607737228,
        2844.23683343917062};
    private static final double[] C = {0.564188496988670089, 8.88314979438837594, 66.1191906371416295,
        298.635138197400131, 881.95222124176909, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725,
        2.15311535474403846e-8};
    private static final double[] D = {15.7449261107098347, 117.693950891312499, 537.181101862009858,
        1621.38957456669019, 3290.79923573345963, 4362.61909014324716, 3439.36767414372164,
        1230.33935480374942};
    private static final double[] P = {0.305326634961232344, 0.360344899949804439, 0.125781726111229246,
        0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978};
    private static final double[] Q = {2.56852019228982242, 1.87295284992346047, 0.527905102951428412,
        0.0605183413124413191, 0.00233520497626869185};

    // The same coefficients as scalars, for the branch-free entry points above (no array loads in hot loops).
    private static final double A0 = A[0], A1 = A[1], A2 = A[2], A3 = A[3], A4 = A[4];
    private static final double B0 = B[0], B1 = B[1], B2 = B[2], B3 = B[3];
    private static final double C0 = C[0], C1 = C[1], C2 = C[2], C3 = C[3], C4 = C[4], C5 = C[5], C6 = C[6],
            C7 = C[7], C8 = C[8];
    private static final double D0 = D[0], D1 = D[1], D2 = D[2], D3 = D[3], D4 = D[4], D5 = D[5], D6 = D[6],
            D7 = D[7];
    private static final double P0 = P[0], P1 = P[1], P2 = P[2], P3 = P[3], P4 = P[4], P5 = P[5];
    private static final double Q0 = Q[0], Q1 = Q[1], Q2 = Q[2], Q3 = Q[3], Q4 = Q[4];

    private static final double ONE_OVER_SQRT_PI = 0.56418958354775628695;
    /** Boundary between the erf and the erfc approximations. */
    static final double THRESHOLD = 0.46875;
    private static final double X_SMALL = 1.11e-16;
    private static final double X_BIG = 26.543;
    private static final double X_HUGE = 6.71e7;
    private static final double X_MAX = 2.53e307;
    private static final double X_NEG = -26.628;

    private CodyErrorFunction() {
    }

    /** {@code erfc(x) = 1 - erf(x)}. */
    static double erfc(double x) {
        return evaluate(x, false);
    }

    /** {@code erfcx(x) = exp(x^2) erfc(x)}; {@code Double.MAX_VALUE} below -26.628 where it overflows. */
    static double erfcx(double x) {
        return evaluate(x, true);
    }

    /**
     * {@code erf(x)} for {@code |x| <= THRESHOLD}: Cody's first rational approximation {@code x R(x^2)}, no
     * exponential (the same numbers {@link #erfc} uses there).
     */
    static double erfNearZero(double x) {
        double ysq = Math.abs(x) > X_SMALL ? x * x : 0.0;
        double num = (((A4 * ysq + A0) * ysq + A1) * ysq + A2) * ysq + A3;
        double den = (((ysq + B0) * ysq + B1) * ysq + B2) * ysq + B3;
        return x * num / den;
    }

    /**
     * {@code erfcx(y)} for {@code y > THRESHOLD}: the rational approximations in y (up to 4) and in
     * {@code 1/y^2} (beyond), which need no exponential at all.
     */
    static double erfcxAboveThreshold(double y) {
        // Estrin's scheme: every coefficient is positive, so it is as accurate as Horner's, at half the latency.
        if (y <= 4.0) {
            double y2 = y * y;
            double y4 = y2 * y2;
            double num = (C7 + C6 * y) + y2 * (C5 + C4 * y) + y4 * ((C3 + C2 * y) + y2 * (C1 + C0 * y))
                    + (y4 * y4) * C8;
            double den = (D7 + D6 * y) + y2 * (D5 + D4 * y) + y4 * ((D3 + D2 * y) + y2 * (D1 + D0 * y)) + y4 * y4;
            return num / den;
        }
        if (y >= X_HUGE) {
            return y < X_MAX ? ONE_OVER_SQRT_PI / y : 0.0;
        }
        double z = 1.0 / (y * y);
        double z2 = z * z;
        double num = (P4 + P3 * z) + z2 * (P2 + P1 * z) + (z2 * z2) * (P0 + P5 * z);
        double den = (Q4 + Q3 * z) + z2 * (Q2 + Q1 * z) + (z2 * z2) * (Q0 + z);
        return (ONE_OVER_SQRT_PI - z * num / den) / y;
    }

    private static double evaluate(double x, boolean scaled) {
        double y = Math.abs(x);
        double result;
        if (y <= THRESHOLD) {
            double ysq = y > X_SMALL ? y * y : 0.0;
            double num = A[4] * ysq;
            double den = ysq;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * ysq;
                den = (den + B[i]) * ysq;
            }
            result = 1.0 - x * (num + A[3]) / (den + B[3]);
            return scaled ? Math.exp(ysq) * result : result;
        } else if (y <= 4.0) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            result = (num + C[7]) / (den + D[7]);
            if (!scaled) {
                result *= expMinusSquare(y);
            }
        } else {
            result = 0.0;
            boolean tail = y >= X_BIG && (!scaled || y >= X_MAX);
            if (y >= X_BIG && scaled && y >= X_HUGE && y < X_MAX) {
                result = ONE_OVER_SQRT_PI / y;
            } else if (!tail) {
                double ysq = 1.0 / (y * y);
                double num = P[5] * ysq;
                double den = ysq;
                for (int i = 0; i < 4; i++) {
                    num = (num + P[i]) * ysq;
                    den = (den + Q[i]) * ysq;
                }
                result = ysq * (num + P[4]) / (den + Q[4]);
                result = (ONE_OVER_SQRT_PI - result) / y;
                if (!scaled) {
                    result *= expMinusSquare(y);
                }
            }
        }
        if (x < 0) {
            if (!scaled) {
                return 2.0 - result;
            }
            if (x < X_NEG) {
                return Double.MAX_VALUE;
            }
            return 2.0 * expSquare(x) - result;
        }
        return result;
    }

    /**
     * {@code exp(-y^2)} with the square formed exactly: {@code y^2 = hi + lo} by a fused multiply-add, and
     * {@code exp(-hi - lo) = exp(-hi)(1 - lo)} since {@code |lo| <= ulp(hi)/2}. One exponential instead of
     * CALERF's two (which split y at sixteenths for the same purpose).
     */
    private static double expMinusSquare(double y) {
        double hi = y * y;
        double lo = Math.fma(y, y, -hi);
        return Math.exp(-hi) * (1 - lo);
    }

    private static double expSquare(double x) {
        double hi = x * x;
        double lo = Math.fma(x, x, -hi);
        return Math.exp(hi) * (1 + lo);
    }
}
