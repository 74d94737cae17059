package io.volsurf.bench.ivbaseline;

/**
 * Standard normal density, cumulative distribution and its inverse, accurate to about 1e-16 relative
 * including the far left tail (which the implied-vol inversion relies on for deep out-of-the-money quotes).
 */
public final class NormalDistribution {

    static final double ONE_OVER_SQRT_TWO = 0.7071067811865475244008443621048490392848359376887;
    static final double ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343818684758586311649;
    private static final double DBL_EPSILON = Math.ulp(1.0);
    /** Below this the asymptotic series (Abramowitz and Stegun 26.2.12) beats erfc in accuracy. */
    private static final double ASYMPTOTIC_FIRST_THRESHOLD = -10.0;
    private static final double ASYMPTOTIC_SECOND_THRESHOLD = -1 / Math.sqrt(DBL_EPSILON);

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
     */
    public static double inverseCdf(double u) {
        if (u <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (u >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double q = u - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((2.5090809287301226727E+3 * r + 3.3430575583588128105E+4) * r
                    + 6.7265770927008700853E+4) * r + 4.5921953931549871457E+4) * r + 1.3731693765509461125E+4) * r
                    + 1.9715909503065514427E+3) * r + 1.3314166789178437745E+2) * r + 3.3871328727963666080E0)
                    / (((((((5.2264952788528545610E+3 * r + 2.8729085735721942674E+4) * r
                    + 3.9307895800092710610E+4) * r + 2.1213794301586595867E+4) * r + 5.3941960214247511077E+3) * r
                    + 6.8718700749205790830E+2) * r + 4.2313330701600911252E+1) * r + 1.0);
        }
        double r = Math.sqrt(-Math.log(q < 0 ? u : 1.0 - u));
        double z;
        if (r < 5.0) {
            r -= 1.6;
            z = (((((((7.74545014278341407640E-4 * r + 2.27238449892691845833E-2) * r
                    + 2.41780725177450611770E-1) * r + 1.27045825245236838258E0) * r + 3.64784832476320460504E0) * r
                    + 5.76949722146069140550E0) * r + 4.63033784615654529590E0) * r + 1.42343711074968357734E0)
                    / (((((((1.05075007164441684324E-9 * r + 5.47593808499534494600E-4) * r
                    + 1.51986665636164571966E-2) * r + 1.48103976427480074590E-1) * r + 6.89767334985100004550E-1) * r
                    + 1.67638483018380384940E0) * r + 2.05319162663775882187E0) * r + 1.0);
        } else {
            r -= 5.0;
            z = (((((((2.01033439929228813265E-7 * r + 2.71155556874348757815E-5) * r
                    + 1.24266094738807843860E-3) * r + 2.65321895265761230930E-2) * r + 2.96560571828504891230E-1) * r
                    + 1.78482653991729133580E0) * r + 5.46378491116411436990E0) * r + 6.65790464350110377720E0)
                    / (((((((2.04426310338993978564E-15 * r + 1.42151175831644588870E-7) * r
                    + 1.84631831751005468180E-5) * r + 7.86869131145613259100E-4) * r + 1.48753612908506148525E-2) * r
                    + 1.36929880922735805310E-1) * r + 5.99832206555887937690E-1) * r + 1.0);
        }
        return q < 0.0 ? -z : z;
    }
}
