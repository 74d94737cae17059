package io.volsurf.bench.ivbaseline;

/**
 * The normalised Black function of Jäckel ("Let's Be Rational", Wilmott 2015, and its 2017 and later
 * refinements) with {@code x = ln(F/K)} and total standard deviation {@code s = sigma sqrt(T)}:
 * <pre>  b(x, s) = Phi(x/s + s/2) e^{x/2} - Phi(x/s - s/2) e^{-x/2} = Black call / sqrt(F K)</pre>
 * evaluated with full relative accuracy everywhere: an asymptotic expansion for large negative {@code x/s},
 * a small-{@code s} expansion, and otherwise Cody's erfc/erfcx chosen so that no two large terms cancel.
 * Out-of-the-money values (x <= 0 for calls) are computed directly; in-the-money ones add the intrinsic.
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

    /** {@code b(x, s)} for a call; a put is {@code call(-x, s)} (reciprocal-strike symmetry). */
    static double call(double x, double s) {
        if (x > 0) {
            return intrinsicCall(x) + call(-x, s);
        }
        if (s <= 0) {
            return intrinsicCall(x);
        }
        if (x < s * ASYMPTOTIC_THRESHOLD && 0.5 * s * s + x < s * (SMALL_T_THRESHOLD + ASYMPTOTIC_THRESHOLD)) {
            return asymptoticExpansionOverVega(x / s, 0.5 * s) * vega(x, s);
        }
        if (0.5 * s < SMALL_T_THRESHOLD) {
            return smallTExpansionOverVega(x / s, 0.5 * s) * vega(x, s);
        }
        return withOptimalUseOfCodysFunctions(x, s);
    }

    /**
     * {@code b(x, s) / (db/ds)} for {@code x <= 0}, given {@code ln(db/ds)}: the lowest branch of the
     * inversion works in logarithms because b and its vega underflow together far out of the money.
     */
    static double callOverVega(double x, double s, double lnVega) {
        if (x > 0) {
            return intrinsicCall(x) * Math.exp(-lnVega) + callOverVega(-x, s, lnVega);
        }
        if (s <= 0) {
            return intrinsicCall(x) * Math.exp(-lnVega);
        }
        if (x < s * ASYMPTOTIC_THRESHOLD && 0.5 * s * s + x < s * (SMALL_T_THRESHOLD + ASYMPTOTIC_THRESHOLD)) {
            return asymptoticExpansionOverVega(x / s, 0.5 * s);
        }
        if (0.5 * s < SMALL_T_THRESHOLD) {
            return smallTExpansionOverVega(x / s, 0.5 * s);
        }
        return withOptimalUseOfCodysFunctions(x, s) * Math.exp(-lnVega);
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

    static double lnVega(double x, double s) {
        if (Math.abs(x) <= 0) {
            return -0.5 * LN_TWO_PI - 0.125 * s * s;
        }
        if (s <= 0) {
            return -Double.MAX_VALUE;
        }
        double h = x / s;
        return -0.5 * LN_TWO_PI - 0.5 * (h * h + 0.25 * s * s);
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
     */
    static double smallTExpansionOverVega(double h, double t) {
        double a = 1 + h * SQRT_PI_OVER_TWO * CodyErrorFunction.erfcx(-NormalDistribution.ONE_OVER_SQRT_TWO * h);
        double w = t * t;
        double h2 = h * h;
        double bOverVega = 2 * t * (a + w * ((-1 + 3 * a + a * h2) / 6 + w * ((-7 + 15 * a + h2 * (-1 + 10 * a
                + a * h2)) / 120 + w * ((-57 + 105 * a + h2 * (-18 + 105 * a + h2 * (-1 + 21 * a + a * h2))) / 5040
                + w * ((-561 + 945 * a + h2 * (-285 + 1260 * a + h2 * (-33 + 378 * a + h2 * (-1 + 36 * a + a * h2))))
                / 362880 + w * ((-6555 + 10395 * a + h2 * (-4680 + 17325 * a + h2 * (-840 + 6930 * a + h2 * (-52
                + 990 * a + h2 * (-1 + 55 * a + a * h2))))) / 39916800 + ((-89055 + 135135 * a + h2 * (-82845
                + 270270 * a + h2 * (-20370 + 135135 * a + h2 * (-1926 + 25740 * a + h2 * (-75 + 2145 * a + h2
                * (-1 + 78 * a + a * h2)))))) * w) / 6227020800.0))))));
        return Math.max(bOverVega, 0.0);
    }

    /**
     * {@code 2b = e^{x/2} erfc(q1) - e^{-x/2} erfc(q2)} with {@code q1 = -(h+t)/sqrt2}, {@code q2 = -(h-t)/sqrt2},
     * switching each term to {@code exp(-(h^2+t^2)/2) erfcx(q)} where Cody's erfc would itself exponentiate,
     * so the number of exponentials is minimal and no accuracy is lost in the tails.
     */
    static double withOptimalUseOfCodysFunctions(double x, double s) {
        double h = x / s;
        double t = 0.5 * s;
        double q1 = -NormalDistribution.ONE_OVER_SQRT_TWO * (h + t);
        double q2 = -NormalDistribution.ONE_OVER_SQRT_TWO * (h - t);
        double threshold = CodyErrorFunction.THRESHOLD;
        double twoB;
        if (q1 < threshold) {
            if (q2 < threshold) {
                twoB = Math.exp(0.5 * x) * CodyErrorFunction.erfc(q1) - Math.exp(-0.5 * x) * CodyErrorFunction.erfc(q2);
            } else {
                twoB = Math.exp(0.5 * x) * CodyErrorFunction.erfc(q1)
                        - Math.exp(-0.5 * (h * h + t * t)) * CodyErrorFunction.erfcx(q2);
            }
        } else if (q2 < threshold) {
            twoB = Math.exp(-0.5 * (h * h + t * t)) * CodyErrorFunction.erfcx(q1)
                    - Math.exp(-0.5 * x) * CodyErrorFunction.erfc(q2);
        } else {
            twoB = Math.exp(-0.5 * (h * h + t * t)) * (CodyErrorFunction.erfcx(q1) - CodyErrorFunction.erfcx(q2));
        }
        return Math.max(0.5 * twoB, 0.0);
    }
}
