package io.volsurf.forecaster.iv;

/**
 * Standard normal density, cumulative distribution and its inverse, accurate to about 1e-16 relative
 * including the far left tail (which the implied-vol inversion relies on for deep out-of-the-money quotes).
 */
public final class NormalDistribution {

    static final double ONE_OVER_SQRT_TWO = 0.7071067811865475244008443621048490392848359376887;
    static final double ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343818684758586311649;
    static final double SQRT_TWO_PI = 2.506628274631000502415765284811045253006986740610;
    private static final double DBL_EPSILON = Math.ulp(1.0);
    /** Below this the asymptotic series (Abramowitz and Stegun 26.2.12) beats erfc in accuracy. */
    private static final double ASYMPTOTIC_FIRST_THRESHOLD = -10.0;
    private static final double ASYMPTOTIC_SECOND_THRESHOLD = -1 / Math.sqrt(DBL_EPSILON);
    /** AS 241's central region is {@code |u - 1/2| <= 0.425}. */
    private static final double CENTRAL_HALF_WIDTH = 0.425;
    private static final double LN_CENTRAL_LOWER_END = Math.log(0.5 - CENTRAL_HALF_WIDTH);

    private NormalDistribution() {
    }

    /** Density {@code phi(z) = exp(-z^2/2) / sqrt(2 pi)}. */
    public static double pdf(double z) {
        return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
    }

    /** Cumulative distribution {@code Phi(z)}, with full relative accuracy for very negative {@code z}. */
    public static double cdf(double z) {
        if (z <= ASYMPTOTIC_FIRST_THRESHOLD) {
            double sum = 1;
            if (z >= ASYMPTOTIC_SECOND_THRESHOLD) {
                double zsqr = z * z;
                double i = 1;
                double g = 1;
                double a = Double.MAX_VALUE;
                double lasta;
                do {
                    lasta = a;
                    double x = (4 * i - 3) / zsqr;
                    double y = x * ((4 * i - 1) / zsqr);
                    a = g * (x - y);
                    sum -= a;
                    g *= y;
                    ++i;
                    a = Math.abs(a);
                } while (lasta > a && a >= Math.abs(sum * DBL_EPSILON));
            }
            return -pdf(z) * sum / z;
        }
        return 0.5 * CodyErrorFunction.erfc(-z * ONE_OVER_SQRT_TWO);
    }

    /**
     * Inverse cumulative distribution by Wichura's algorithm AS 241 (Applied Statistics 1988, PPND16),
     * accurate to about 1e-16. Returns -infinity for {@code u <= 0} and +infinity for {@code u >= 1}.
     * The degree-7 rational functions are evaluated by Estrin's scheme (all their terms have one sign, so
     * it is as accurate as Horner's and has half the latency).
     */
    public static double inverseCdf(double u) {
        if (u <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (u >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double q = u - 0.5;
        if (Math.abs(q) <= CENTRAL_HALF_WIDTH) {
            return central(q);
        }
        double z = tail(Math.sqrt(-Math.log(q < 0 ? u : 1.0 - u)));
        return q < 0.0 ? -z : z;
    }

    /**
     * {@code inverseCdf(exp(lnU))} for {@code lnU < ln(1/2)}, without forming u in the tail where AS 241 needs
     * only {@code sqrt(-ln u)}: the implied-vol guess has {@code ln u} at hand, which saves a cube root.
     */
    static double inverseCdfOfExp(double lnU) {
        if (lnU >= LN_CENTRAL_LOWER_END) {
            return central(Math.exp(lnU) - 0.5);
        }
        if (lnU == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return -tail(Math.sqrt(-lnU));
    }

    /** AS 241 for {@code |u - 1/2| <= 0.425}, given {@code q = u - 1/2}. */
    private static double central(double q) {
        double r = 0.180625 - q * q;
        return q * estrin7(r, 3.3871328727963666080E0, 1.3314166789178437745E+2, 1.9715909503065514427E+3,
                1.3731693765509461125E+4, 4.5921953931549871457E+4, 6.7265770927008700853E+4,
                3.3430575583588128105E+4, 2.5090809287301226727E+3)
                / estrin7(r, 1.0, 4.2313330701600911252E+1, 6.8718700749205790830E+2, 5.3941960214247511077E+3,
                2.1213794301586595867E+4, 3.9307895800092710610E+4, 2.8729085735721942674E+4,
                5.2264952788528545610E+3);
    }

    /** AS 241 in the tails, given {@code r = sqrt(-ln min(u, 1-u)) > 1.6}; the result is {@code |z|}. */
    private static double tail(double r) {
        if (r < 5.0) {
            r -= 1.6;
            return estrin7(r, 1.42343711074968357734E0, 4.63033784615654529590E0, 5.76949722146069140550E0,
                    3.64784832476320460504E0, 1.27045825245236838258E0, 2.41780725177450611770E-1,
                    2.27238449892691845833E-2, 7.74545014278341407640E-4)
                    / estrin7(r, 1.0, 2.05319162663775882187E0, 1.67638483018380384940E0, 6.89767334985100004550E-1,
                    1.48103976427480074590E-1, 1.51986665636164571966E-2, 5.47593808499534494600E-4,
                    1.05075007164441684324E-9);
        }
        r -= 5.0;
        return estrin7(r, 6.65790464350110377720E0, 5.46378491116411436990E0, 1.78482653991729133580E0,
                2.96560571828504891230E-1, 2.65321895265761230930E-2, 1.24266094738807843860E-3,
                2.71155556874348757815E-5, 2.01033439929228813265E-7)
                / estrin7(r, 1.0, 5.99832206555887937690E-1, 1.36929880922735805310E-1, 1.48753612908506148525E-2,
                7.86869131145613259100E-4, 1.84631831751005468180E-5, 1.42151175831644588870E-7,
                2.04426310338993978564E-15);
    }

    /** {@code c0 + c1 r + ... + c7 r^7} by Estrin's scheme. */
    private static double estrin7(double r, double c0, double c1, double c2, double c3, double c4, double c5,
            double c6, double c7) {
        double r2 = r * r;
        return (c0 + c1 * r) + r2 * (c2 + c3 * r) + (r2 * r2) * ((c4 + c5 * r) + r2 * (c6 + c7 * r));
    }
}
