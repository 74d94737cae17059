package io.volsurf.bench.ivbaseline;

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
