package io.volsurf.greeks.blackscholes;

/**
 * The scalar Black-Scholes-Merton batch kernel: plain Java on any JVM (and in a native image). The
 * SIMD kernel ({@link VectorBlackScholesKernel}) prices the bulk of a batch where the JVM offers the
 * Vector API and hands the remainder to this one.
 */
final class ScalarBlackScholesKernel {
    private ScalarBlackScholesKernel() {
    }

    /** Options per pass: the block's scratch (6 x 2 KiB) and its slice of the arrays stay in L1/L2. */
    private static final int BLOCK = 256;

    /**
     * The kernel over the options {@code [from, to)} of primitive arrays; inputs must already be valid (positive finite spot,
     * strike, maturity, vol; finite rate and yield), as {@link ContractBatch} guarantees.
     * Allocates six block-sized scratch arrays per call, nothing per option.
     *
     * <p>Why it is fast: the formula is one long dependency chain per option (exp, then log,
     * then exp, then the cumulative normal), and the JIT does not overlap the transcendental
     * stub calls of one option with those of the next inside a single big loop body. Splitting
     * each block into passes whose iterations are independent lets the CPU run several options'
     * exp/log calls at once: (1) the two discount factors and log(S/K); (2) d1 and the exponent;
     * (3) exp(-d1^2/2); (4) the cumulative normals and the six outputs. Per option it costs three
     * exp, one log, one sqrt and no second density exp (exp(-d2^2/2) = exp(-d1^2/2) F/K); the
     * cumulative normal has no branch on the sign of d (see below) and is small enough to inline.
     */
    static void priceEuropean(int from, int to, double[] spot, double[] strike, double[] maturityYears,
                                     double[] rate, double[] div, double[] vol, boolean[] isCall,
                                     double[] price, double[] delta, double[] gamma, double[] vega,
                                     double[] theta, double[] rho) {
        int m = Math.min(to - from, BLOCK);
        double[] dfR = new double[m], dfQ = new double[m], sqrtT = new double[m], stdDev = new double[m],
                d1 = new double[m], e1 = new double[m];
        for (int start = from; start < to; start += BLOCK) {
            int len = Math.min(BLOCK, to - start);
            for (int j = 0; j < len; j++) {
                int i = start + j;
                double t = maturityYears[i];
                dfR[j] = Math.exp(-rate[i] * t);
                dfQ[j] = Math.exp(-div[i] * t);
                d1[j] = Math.log(spot[i] / strike[i]);
            }
            for (int j = 0; j < len; j++) {
                int i = start + j;
                double t = maturityYears[i];
                double st = Math.sqrt(t);
                double sd = vol[i] * st;
                // d1 = (ln(F/K) + sd^2/2) / sd with ln(F/K) = ln(S/K) + (r - q) T
                double x = (d1[j] + (rate[i] - div[i]) * t) / sd + 0.5 * sd;
                sqrtT[j] = st;
                stdDev[j] = sd;
                d1[j] = x;
                e1[j] = -0.5 * x * x;
            }
            for (int j = 0; j < len; j++) {
                e1[j] = Math.exp(e1[j]);
            }
            for (int j = 0; j < len; j++) {
                int i = start + j;
                double s = spot[i], k = strike[i], t = maturityYears[i], r = rate[i], q = div[i], v = vol[i];
                double sq = s * dfQ[j];            // S e^{-qT}
                double kr = k * dfR[j];            // K e^{-rT}
                double x1 = d1[j], x2 = x1 - stdDev[j];
                double ex1 = e1[j];
                double ex2 = ex1 * (sq / kr);      // exp(-d2^2/2): S e^{-qT} n(d1) = K e^{-rT} n(d2)
                double nd1 = NormalTail.INV_SQRT_2PI * ex1;
                // w = +1 call, -1 put: V = w (S e^{-qT} N(w d1) - K e^{-rT} N(w d2)), one formula for both
                // rights (no branch on the right). N(w d) comes from the lower tail L = N(-|d|) as
                // N(y) = up + (1 - 2 up) L with up = [y > 0]: exactly L or 1 - L, so the small side keeps full
                // relative accuracy, and there is no unpredictable branch on the sign. up is a clamped
                // product, not a comparison (on x86 the JIT compiles a double select as a branch); it is
                // fractional only for |y| < 2^-60, where both sides are 1/2 to within 2^-60.
                double w = isCall[i] ? 1 : -1;
                double up1 = Math.min(Math.max(w * x1 * 0x1p60, 0.0), 1.0);
                double up2 = Math.min(Math.max(w * x2 * 0x1p60, 0.0), 1.0);
                double cd1 = up1 + (1.0 - 2.0 * up1) * NormalTail.lowerTail(x1, ex1);
                double cd2 = up2 + (1.0 - 2.0 * up2) * NormalTail.lowerTail(x2, ex2);
                double g = dfQ[j] * nd1 / (s * stdDev[j]);
                price[i] = w * (sq * cd1 - kr * cd2);
                delta[i] = w * dfQ[j] * cd1;
                gamma[i] = g;
                vega[i] = sq * nd1 * sqrtT[j];
                // time decay -S e^{-qT} n(d1) v / (2 sqrt T) = -gamma S^2 v^2 / 2, without a division
                theta[i] = -0.5 * g * s * s * v * v + w * (q * sq * cd1 - r * kr * cd2);
                rho[i] = w * t * kr * cd2;
            }
        }
    }
}
