package io.volsurf.forecaster.iv;

/**
 * The normalised Black function of Jäckel ("Let's Be Rational", Wilmott 2015, and its 2017 and later
 * refinements) with {@code x = ln(F/K)} and total standard deviation {@code s = sigma sqrt(T)}:
 * <pre>  b(x, s) = Phi(x/s + s/2) e^{x/2} - Phi(x/s - s/2) e^{-x/2} = Black call / sqrt(F K)</pre>
 * evaluated with full relative accuracy everywhere: an asymptotic expansion for large negative {@code x/s},
 * a small-{@code s} expansion, and otherwise Cody's erfc/erfcx chosen so that no two large terms cancel.
 * Out-of-the-money values (x <= 0 for calls) are computed directly; in-the-money ones add the intrinsic.
 * Each evaluation needs exactly one exponential, {@code exp(-(h^2+t^2)/2)} ({@link #scaledVega}), which the
 * inversion shares with the vega; {@code b_max = e^{x/2}} is passed in, computed once per inversion.
 */
final class NormalisedBlack {

    static final double DBL_EPSILON = Math.ulp(1.0);
    static final double SQRT_DBL_MIN = Math.sqrt(Double.MIN_NORMAL);
    static final double SQRT_PI_OVER_TWO = 1.253314137315500251207882642405522626503493370305;
    static final double LN_TWO_PI = 1.837877066409345483560659472811235279722794947275;
    private static final double FOURTH_ROOT_DBL_EPSILON = Math.sqrt(Math.sqrt(DBL_EPSILON));
    private static final double SIXTEENTH_ROOT_DBL_EPSILON = Math.sqrt(Math.sqrt(FOURTH_ROOT_DBL_EPSILON));
    /** eta: below h = x/s = -10 the asymptotic expansion is accurate to 1.6e-16. */
    private static final double ASYMPTOTIC_THRESHOLD = -10;
    /** tau: below t = s/2 = 0.21 the twelfth-order small-t expansion is accurate to machine precision. */
    private static final double SMALL_T_THRESHOLD = 2 * SIXTEENTH_ROOT_DBL_EPSILON;

    private NormalisedBlack() {
    }

    /** Normalised intrinsic value of a call, {@code max(e^{x/2} - e^{-x/2}, 0)}, accurate for small x. */
    static double intrinsicCall(double x) {
        if (x <= 0) {
            return 0;
        }
        double x2 = x * x;
        if (x2 < 98 * FOURTH_ROOT_DBL_EPSILON) {
            // Taylor series of 2 sinh(x/2) avoids the cancellation of the two exponentials.
            return x * (1 + x2 * ((1.0 / 24.0) + x2 * ((1.0 / 1920.0) + x2 * ((1.0 / 322560.0)
                    + (1.0 / 92897280.0) * x2))));
        }
        double bMax = Math.exp(0.5 * x);
        return Math.max(bMax - 1 / bMax, 0.0);
    }

    /**
     * {@code b(x, s_c)} at the inflection point {@code s_c = sqrt(-2x)} of an out-of-the-money call
     * ({@code x <= 0}, {@code bMax = e^{x/2}}): there {@code h + t = 0}, so
     * {@code 2b = bMax - erfc(sqrt(-x)) / bMax = bMax (1 - erfcx(sqrt(-x)))}, with no exponential.
     */
    static double atInflectionPoint(double x, double bMax) {
        double y = Math.sqrt(-x);
        if (y > CodyErrorFunction.THRESHOLD) {
            return 0.5 * bMax * (1 - CodyErrorFunction.erfcxAboveThreshold(y));
        }
        // Near the money 1 - erfcx cancels; 2b = erf(y)/bMax - (1/bMax - bMax) keeps every digit.
        double x2 = x * x;
        double intrinsic = x2 < 98 * FOURTH_ROOT_DBL_EPSILON ? intrinsicCall(-x) : 1 / bMax - bMax;
        return Math.max(0.5 * (CodyErrorFunction.erfNearZero(y) / bMax - intrinsic), 0.0);
    }

    /** {@code b(x, s)} for a call; a put is {@code call(-x, s)} (reciprocal-strike symmetry). */
    static double call(double x, double s) {
        if (x > 0) {
            return intrinsicCall(x) + call(-x, s);
        }
        if (s <= 0) {
            return intrinsicCall(x);
        }
        return outOfTheMoneyCall(x, s, Math.exp(0.5 * x));
    }

    /**
     * {@code sqrt(2 pi) db/ds = exp(-(h^2 + t^2)/2)} with {@code h = x/s}, {@code t = s/2}: the one exponential
     * an evaluation of {@link #outOfTheMoneyCall} needs, shared with the vega by the inversion.
     */
    static double scaledVega(double h, double t) {
        return Math.exp(-0.5 * (h * h + t * t));
    }

    /** {@code b(x, s)} for {@code x <= 0} and {@code s > 0}, given {@code bMax = e^{x/2}}. */
    static double outOfTheMoneyCall(double x, double s, double bMax) {
        if (s <= -x * SQRT_DBL_MIN) {
            return 0; // h = x/s beyond -1e154: b and vega underflow together
        }
        double h = x / s;
        double t = 0.5 * s;
        return outOfTheMoneyCall(h, t, bMax, scaledVega(h, t));
    }

    /**
     * {@code b(x, s)} for {@code x <= 0} and {@code s > 0} in terms of {@code h = x/s <= 0} and
     * {@code t = s/2}, given {@code bMax = e^{x/2}} and {@code e = scaledVega(h, t)}, without any further
     * exponential (but for erfcx near zero in the small-t region): in the asymptotic and small-t regions
     * {@code b = (b / vega) vega}; elsewhere {@code 2b = e^{x/2} erfc(q1) - e^{-x/2} erfc(q2)} with each term
     * either a rational function near zero times {@code bMax} or {@code 1/bMax}, or {@code e erfcx(|q|)}
     * (since {@code e^{x/2 - q1^2} = e^{-x/2 - q2^2} = e}), so nothing cancels that Jäckel's form keeps apart.
     */
    static double outOfTheMoneyCall(double h, double t, double bMax, double e) {
        if (isAsymptoticRegion(h, t)) {
            return asymptoticExpansionOverVega(h, t) * (NormalDistribution.ONE_OVER_SQRT_TWO_PI * e);
        }
        if (t < SMALL_T_THRESHOLD) {
            return smallTExpansionOverVega(h, t) * (NormalDistribution.ONE_OVER_SQRT_TWO_PI * e);
        }
        return codyRegion(h, t, bMax, e);
    }

    /**
     * {@code b(x, s) / (db/ds)} for {@code h = x/s <= 0} and {@code t = s/2 > 0}: the lowest branch of the
     * inversion works in logarithms because b and its vega underflow together far out of the money. Needs an
     * exponential only where {@code h + t} or (for small t) {@code h} is within 0.66 of zero.
     */
    static double outOfTheMoneyCallOverVega(double h, double t, double bMax) {
        if (isAsymptoticRegion(h, t)) {
            return asymptoticExpansionOverVega(h, t);
        }
        if (t < SMALL_T_THRESHOLD) {
            return smallTExpansionOverVega(h, t);
        }
        double q1 = -NormalDistribution.ONE_OVER_SQRT_TWO * (h + t);
        if (q1 >= CodyErrorFunction.THRESHOLD) {
            return SQRT_PI_OVER_TWO * (CodyErrorFunction.erfcxAboveThreshold(q1)
                    - CodyErrorFunction.erfcxAboveThreshold(NormalDistribution.ONE_OVER_SQRT_TWO * (t - h)));
        }
        double e = scaledVega(h, t);
        if (!(e > 0)) {
            // b and vega both underflow: the ratio through erfcx, exponentials of small arguments only.
            return SQRT_PI_OVER_TWO * (CodyErrorFunction.erfcx(q1)
                    - CodyErrorFunction.erfcx(NormalDistribution.ONE_OVER_SQRT_TWO * (t - h)));
        }
        return codyRegion(h, t, bMax, e) * (NormalDistribution.SQRT_TWO_PI / e);
    }

    /** Region I of Jäckel: {@code h < -10} and {@code t < |h| - 10 + tau}. */
    private static boolean isAsymptoticRegion(double h, double t) {
        return h < ASYMPTOTIC_THRESHOLD && t + h < SMALL_T_THRESHOLD + ASYMPTOTIC_THRESHOLD;
    }

    /**
     * {@code b = (e^{x/2} erfc(q1) - e^{-x/2} erfc(q2)) / 2} with {@code q1 = -(h+t)/sqrt2 <= q2 = (t-h)/sqrt2},
     * {@code q2 > 0} for {@code h <= 0}. Near zero erfc is rational; beyond, {@code e^{x/2} erfc(q1) =
     * e erfcx(q1)}, {@code e^{x/2} erfc(-|q1|) = 2 e^{x/2} - e erfcx(|q1|)}, {@code e^{-x/2} erfc(q2) = e erfcx(q2)}.
     */
    private static double codyRegion(double h, double t, double bMax, double e) {
        double threshold = CodyErrorFunction.THRESHOLD;
        double q1 = -NormalDistribution.ONE_OVER_SQRT_TWO * (h + t);
        double q2 = NormalDistribution.ONE_OVER_SQRT_TWO * (t - h);
        double first;
        if (q1 >= threshold) {
            first = e * CodyErrorFunction.erfcxAboveThreshold(q1);
        } else if (q1 > -threshold) {
            first = bMax * (1 - CodyErrorFunction.erfNearZero(q1));
        } else {
            first = 2 * bMax - e * CodyErrorFunction.erfcxAboveThreshold(-q1);
        }
        double second = q2 > threshold ? e * CodyErrorFunction.erfcxAboveThreshold(q2)
                : (1 - CodyErrorFunction.erfNearZero(q2)) / bMax;
        return Math.max(0.5 * (first - second), 0.0);
    }

    /** Normalised vega {@code db/ds = exp(-((x/s)^2 + (s/2)^2)/2) / sqrt(2 pi)}. */
    static double vega(double x, double s) {
        double ax = Math.abs(x);
        if (ax <= 0) {
            return NormalDistribution.ONE_OVER_SQRT_TWO_PI * Math.exp(-0.125 * s * s);
        }
        if (s <= 0 || s <= ax * SQRT_DBL_MIN) {
            return 0;
        }
        double h = x / s;
        return NormalDistribution.ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + 0.25 * s * s));
    }

    /**
     * {@code b_max - b = e^{x/2} Phi(-x/s - s/2) + e^{-x/2} Phi(x/s - s/2)} divided by the vega, written with
     * erfcx so the upper branch (b close to b_max) is computed without cancellation; returns
     * {@code (db/ds) / (b_max - b)}.
     */
    static double vegaOverComplement(double h, double t) {
        return (2 * NormalDistribution.ONE_OVER_SQRT_TWO_PI)
                / (CodyErrorFunction.erfcx((t + h) * NormalDistribution.ONE_OVER_SQRT_TWO)
                + CodyErrorFunction.erfcx((t - h) * NormalDistribution.ONE_OVER_SQRT_TWO));
    }

    /**
     * Seventeenth-order asymptotic expansion of {@code b / vega} for {@code h = x/s < -10} and
     * {@code t = s/2 < |h| - 10 + tau}, from Abramowitz and Stegun 26.2.12 applied to
     * {@code Y(z) = Phi(z)/phi(z)}: {@code b/vega = (t/r) * A(q, e)} with {@code r = (h+t)(h-t)},
     * {@code q = (h/r)^2}, {@code e = (t/h)^2}.
     */
    static double asymptoticExpansionOverVega(double h, double t) {
        double e = (t / h) * (t / h);
        double r = (h + t) * (h - t);
        double q = (h / r) * (h / r);
        double sum = (2.0 + q * (-6.0E0 - 2.0 * e + 3.0 * q * (1.0E1 + e * (2.0E1 + 2.0 * e) + 5.0 * q * (-1.4E1
                + e * (-7.0E1 + e * (-4.2E1 - 2.0 * e)) + 7.0 * q * (1.8E1 + e * (1.68E2 + e * (2.52E2 + e * (7.2E1 +
                2.0 * e))) + 9.0 * q * (-2.2E1 + e * (-3.3E2 + e * (-9.24E2 + e * (-6.6E2 + e * (-1.1E2 - 2.0 * e)))) +
                1.1E1 * q * (2.6E1 + e * (5.72E2 + e * (2.574E3 + e * (3.432E3 + e * (1.43E3 + e * (1.56E2 + 2.0 *
                e))))) + 1.3E1 * q * (-3.0E1 + e * (-9.1E2 + e * (-6.006E3 + e * (-1.287E4 + e * (-1.001E4 + e *
                (-2.73E3 + e * (-2.1E2 - 2.0 * e)))))) + 1.5E1 * q * (3.4E1 + e * (1.36E3 + e * (1.2376E4 + e *
                (3.8896E4 + e * (4.862E4 + e * (2.4752E4 + e * (4.76E3 + e * (2.72E2 + 2.0 * e))))))) + 1.7E1 * q *
                (-3.8E1 + e * (-1.938E3 + e * (-2.3256E4 + e * (-1.00776E5 + e * (-1.84756E5 + e * (-1.51164E5 + e *
                (-5.4264E4 + e * (-7.752E3 + e * (-3.42E2 - 2.0 * e)))))))) + 1.9E1 * q * (4.2E1 + e * (2.66E3 + e *
                (4.0698E4 + e * (2.3256E5 + e * (5.8786E5 + e * (7.05432E5 + e * (4.0698E5 + e * (1.08528E5 + e *
                (1.197E4 + e * (4.2E2 + 2.0 * e))))))))) + 2.1E1 * q * (-4.6E1 + e * (-3.542E3 + e * (-6.7298E4 + e *
                (-4.90314E5 + e * (-1.63438E6 + e * (-2.704156E6 + e * (-2.288132E6 + e * (-9.80628E5 + e * (-2.01894E5
                + e * (-1.771E4 + e * (-5.06E2 - 2.0 * e)))))))))) + 2.3E1 * q * (5.0E1 + e * (4.6E3 + e * (1.0626E5 + e
                * (9.614E5 + e * (4.08595E6 + e * (8.9148E6 + e * (1.04006E7 + e * (6.53752E6 + e * (2.16315E6 + e *
                (3.542E5 + e * (2.53E4 + e * (6.0E2 + 2.0 * e))))))))))) + 2.5E1 * q * (-5.4E1 + e * (-5.85E3 + e *
                (-1.6146E5 + e * (-1.77606E6 + e * (-9.37365E6 + e * (-2.607579E7 + e * (-4.01166E7 + e * (-3.476772E7 +
                e * (-1.687257E7 + e * (-4.44015E6 + e * (-5.9202E5 + e * (-3.51E4 + e * (-7.02E2 - 2.0 * e))))))))))))
                + 2.7E1 * q * (5.8E1 + e * (7.308E3 + e * (2.3751E5 + e * (3.12156E6 + e * (2.003001E7 + e * (6.919458E7
                + e * (1.3572783E8 + e * (1.5511752E8 + e * (1.0379187E8 + e * (4.006002E7 + e * (8.58429E6 + e *
                (9.5004E5 + e * (4.7502E4 + e * (8.12E2 + 2.0 * e))))))))))))) + 2.9E1 * q * (-6.2E1 + e * (-8.99E3 + e
                * (-3.39822E5 + e * (-5.25915E6 + e * (-4.032015E7 + e * (-1.6934463E8 + e * (-4.1250615E8 + e *
                (-6.0108039E8 + e * (-5.3036505E8 + e * (-2.8224105E8 + e * (-8.870433E7 + e * (-1.577745E7 + e *
                (-1.472562E6 + e * (-6.293E4 + e * (-9.3E2 - 2.0 * e)))))))))))))) + 3.1E1 * q * (6.6E1 + e * (1.0912E4
                + e * (4.74672E5 + e * (8.544096E6 + e * (7.71342E7 + e * (3.8707344E8 + e * (1.14633288E9 + e *
                (2.07431664E9 + e * (2.33360622E9 + e * (1.6376184E9 + e * (7.0963464E8 + e * (1.8512208E8 + e *
                (2.7768312E7 + e * (2.215136E6 + e * (8.184E4 + e * (1.056E3 + 2.0 * e))))))))))))))) + 3.3E1 * (-7.0E1
                + e * (-1.309E4 + e * (-6.49264E5 + e * (-1.344904E7 + e * (-1.4121492E8 + e * (-8.344518E8 + e *
                (-2.9526756E9 + e * (-6.49588632E9 + e * (-9.0751353E9 + e * (-8.1198579E9 + e * (-4.6399188E9 + e *
                (-1.6689036E9 + e * (-3.67158792E8 + e * (-4.707164E7 + e * (-3.24632E6 + e * (-1.0472E5 + e * (-1.19E3
                - 2.0 * e))))))))))))))))) * q)))))))))))))))));
        return Math.max((t / r) * sum, 0.0);
    }

    /**
     * Twelfth-order expansion of {@code b / vega} in {@code t = s/2} for {@code h <= 0} and {@code t < 0.21},
     * in terms of {@code a = 1 + h Y(h)} with {@code Y(h) = Phi(h)/phi(h) = sqrt(pi/2) erfcx(-h/sqrt 2)}.
     * Jäckel's series {@code 2t (a + sum_k w^k c_k(a, h^2))}, {@code w = t^2}, is linear in a, so it is summed
     * as {@code 2t (a A(w, h^2) + B(w, h^2))}: both sums run while erfcx is being evaluated, the factorials
     * are multiplied by as reciprocals rather than divided by, and the sums are short (Estrin) chains.
     */
    static double smallTExpansionOverVega(double h, double t) {
        double y = -NormalDistribution.ONE_OVER_SQRT_TWO * h;
        double erfcx = y > CodyErrorFunction.THRESHOLD ? CodyErrorFunction.erfcxAboveThreshold(y)
                : Math.exp(y * y) * (1 - CodyErrorFunction.erfNearZero(y));
        double a = 1 + h * SQRT_PI_OVER_TWO * erfcx;
        double w = t * t;
        double g = h * h;
        // Coefficients of a (A) and the a-free parts (B) of c_1 ... c_6, each a polynomial in g = h^2 with
        // terms of one sign, summed by Estrin's scheme (short dependency chains, no loss of accuracy).
        double g2 = g * g;
        double g4 = g2 * g2;
        double a1 = (3 + g) * (1.0 / 6);
        double b1 = -1.0 / 6;
        double a2 = (15 + 10 * g + g2) * (1.0 / 120);
        double b2 = (-7 - g) * (1.0 / 120);
        double a3 = ((105 + 105 * g) + g2 * (21 + g)) * (1.0 / 5040);
        double b3 = (-57 - 18 * g - g2) * (1.0 / 5040);
        double a4 = ((945 + 1260 * g) + g2 * (378 + 36 * g) + g4) * (1.0 / 362880);
        double b4 = ((-561 - 285 * g) - g2 * (33 + g)) * (1.0 / 362880);
        double a5 = ((10395 + 17325 * g) + g2 * (6930 + 990 * g) + g4 * (55 + g)) * (1.0 / 39916800);
        double b5 = ((-6555 - 4680 * g) - g2 * (840 + 52 * g) - g4) * (1.0 / 39916800);
        double a6 = ((135135 + 270270 * g) + g2 * (135135 + 25740 * g) + g4 * ((2145 + 78 * g) + g2))
                * (1.0 / 6227020800.0);
        double b6 = ((-89055 - 82845 * g) - g2 * (20370 + 1926 * g) - g4 * (75 + g)) * (1.0 / 6227020800.0);
        double w2 = w * w;
        double w4 = w2 * w2;
        double sumA = (1 + w * a1) + w2 * (a2 + w * a3) + w4 * ((a4 + w * a5) + w2 * a6);
        double sumB = w * ((b1 + w * b2) + w2 * (b3 + w * b4) + w4 * (b5 + w * b6));
        return Math.max(2 * t * (a * sumA + sumB), 0.0);
    }
}
