package io.volsurf.greeks.blackscholes;

/**
 * The lower tail {@code Phi(-|x|)} of the standard normal as the Black-Scholes kernels evaluate it: the rational
 * approximations of the Cephes library (S. L. Moshier, ndtr.c), about 1e-15 relative, with {@code exp(-x^2/2)}
 * taken from the caller. The project's normal distribution is {@code io.volsurf.forecaster.iv.NormalDistribution};
 * this second one stays because {@link VectorBlackScholesKernel} evaluates these polynomials lane by lane (a SIMD
 * loop cannot call a scalar routine), {@link ScalarBlackScholesKernel} must give the same numbers to round-off
 * ({@code BatchKernelTest}), and both reuse the density's exponential, one {@code exp} per {@code d} instead of
 * two. {@code NormalTailTest} holds it to the project's distribution.
 */
public final class NormalTail {
    private NormalTail() {
    }

    /** 1/sqrt(2 pi). */
    public static final double INV_SQRT_2PI = 0.3989422804014326779399460599343819;
    private static final double SQRT1_2 = 0.7071067811865475244008443621048490;

    // erfc(x) = exp(-x^2) P(x)/Q(x), 1 <= x < 8
    // package-private: the SIMD kernel evaluates the same approximations
    static final double P0 = 2.46196981473530512524E-10, P1 = 5.64189564831068821977E-1,
            P2 = 7.46321056442269912687E0, P3 = 4.86371970985681366614E1, P4 = 1.96520832956077098242E2,
            P5 = 5.26445194995477358631E2, P6 = 9.34528527171957607540E2, P7 = 1.02755188689515710272E3,
            P8 = 5.57535335369399327526E2;
    static final double Q1 = 1.32281951154744992508E1, Q2 = 8.67072140885989742329E1,
            Q3 = 3.54937778887819891062E2, Q4 = 9.75708501743205489753E2, Q5 = 1.82390916687909736289E3,
            Q6 = 2.24633760818710981792E3, Q7 = 1.65666309194161350182E3, Q8 = 5.57535340817727675546E2;
    // erfc(x) = exp(-x^2) R(x)/S(x), x >= 8
    static final double R0 = 5.64189583547755073984E-1, R1 = 1.27536670759978104416E0,
            R2 = 5.01905042251180477414E0, R3 = 6.16021097993053585195E0, R4 = 7.40974269950448939160E0,
            R5 = 2.97886665372100240670E0;
    static final double S1 = 2.26052863220117276590E0, S2 = 9.39603524938001434673E0,
            S3 = 1.20489539808096656605E1, S4 = 1.70814450747565897222E1, S5 = 9.60896809063285878198E0,
            S6 = 3.36907645100081516050E0;
    // erf(x) = x T(x^2)/U(x^2), |x| < 1
    static final double T0 = 9.60497373987051638749E0, T1 = 9.00260197203842689217E1,
            T2 = 2.23200534594684319226E3, T3 = 7.00332514112805075473E3, T4 = 5.55923013010394962768E4;
    static final double U1 = 3.35617141647503099647E1, U2 = 5.21357949780152679795E2,
            U3 = 4.59432382970980127987E3, U4 = 2.26290000613890934246E4, U5 = 4.92673942608635921086E4;

    /**
     * The lower tail Phi(-|x|) = min(Phi(x), 1 - Phi(x)), given expMinusHalfXSquared = exp(-x^2/2),
     * to full relative accuracy; the batch pricer turns it into Phi(x) without a branch on the sign.
     */
    static double lowerTail(double x, double expMinusHalfXSquared) {
        double az = Math.abs(x) * SQRT1_2;
        if (az < 1.0) {
            double zz = az * az;
            double t = (((T0 * zz + T1) * zz + T2) * zz + T3) * zz + T4;
            double u = ((((zz + U1) * zz + U2) * zz + U3) * zz + U4) * zz + U5;
            return 0.5 - 0.5 * az * t / u;
        }
        return az < 8.0 ? halfErfcNear(az, expMinusHalfXSquared) : halfErfcFar(az, expMinusHalfXSquared);
    }

    /**
     * Phi(x) given expMinusHalfXSquared = exp(-x^2/2): for pricers that already hold the density's exponential
     * (the pure-Java American engine), one {@code exp} per {@code d} instead of two.
     */
    public static double cdf(double x, double expMinusHalfXSquared) {
        double tail = lowerTail(x, expMinusHalfXSquared);
        return x > 0 ? 1.0 - tail : tail;
    }

    /** 0.5 erfc(az), 1 <= az < 8, given exp(-az^2). */
    private static double halfErfcNear(double az, double expMinusAzSquared) {
        double p = (((((((P0 * az + P1) * az + P2) * az + P3) * az + P4) * az + P5) * az + P6) * az + P7) * az + P8;
        double q = (((((((az + Q1) * az + Q2) * az + Q3) * az + Q4) * az + Q5) * az + Q6) * az + Q7) * az + Q8;
        return 0.5 * expMinusAzSquared * p / q;
    }

    /** 0.5 erfc(az), az >= 8, given exp(-az^2). */
    private static double halfErfcFar(double az, double expMinusAzSquared) {
        double p = ((((R0 * az + R1) * az + R2) * az + R3) * az + R4) * az + R5;
        double q = (((((az + S1) * az + S2) * az + S3) * az + S4) * az + S5) * az + S6;
        return 0.5 * expMinusAzSquared * p / q;
    }
}
