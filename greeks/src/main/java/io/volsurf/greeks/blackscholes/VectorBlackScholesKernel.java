package io.volsurf.greeks.blackscholes;

import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Black-Scholes-Merton batch kernel on the Vector API: the formulas of
 * {@link ScalarBlackScholesKernel}, a full vector of options at a time (8 on AVX-512, 4 on AVX2), with
 * exp and log as vector intrinsics (three exp and one log per option, no second density exp:
 * exp(-d2^2/2) = exp(-d1^2/2) F/K). The cumulative normal's three rational pieces (|z| < 1, < 8, >= 8)
 * are blended per lane before one division. The last {@code n mod lanes} options go to the scalar kernel.
 * Chosen by {@link BatchKernel#select}; never load this class without the incubator module.
 */
final class VectorBlackScholesKernel implements BatchKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final double SQRT1_2 = 0.7071067811865475244008443621048490;

    @Override
    public int lanes() {
        return SPECIES.length();
    }

    @Override
    public String description() {
        return "simd (" + SPECIES.length() + " x double)";
    }

    @Override
    public void priceEuropean(int n, double[] spot, double[] strike, double[] maturityYears, double[] rate,
                              double[] div, double[] vol, boolean[] isCall, double[] price, double[] delta,
                              double[] gamma, double[] vega, double[] theta, double[] rho) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector s = DoubleVector.fromArray(SPECIES, spot, i);
            DoubleVector k = DoubleVector.fromArray(SPECIES, strike, i);
            DoubleVector t = DoubleVector.fromArray(SPECIES, maturityYears, i);
            DoubleVector r = DoubleVector.fromArray(SPECIES, rate, i);
            DoubleVector q = DoubleVector.fromArray(SPECIES, div, i);
            DoubleVector v = DoubleVector.fromArray(SPECIES, vol, i);
            VectorMask<Double> call = VectorMask.fromArray(SPECIES, isCall, i);

            DoubleVector dfR = r.mul(t).neg().lanewise(EXP);
            DoubleVector dfQ = q.mul(t).neg().lanewise(EXP);
            DoubleVector sqrtT = t.sqrt();
            DoubleVector sd = v.mul(sqrtT);
            // d1 = (ln(S/K) + (r - q) T) / sd + sd / 2
            DoubleVector x1 = s.div(k).lanewise(LOG).add(r.sub(q).mul(t)).div(sd).add(sd.mul(0.5));
            DoubleVector x2 = x1.sub(sd);
            DoubleVector ex1 = x1.mul(x1).mul(-0.5).lanewise(EXP);
            DoubleVector sq = s.mul(dfQ);
            DoubleVector kr = k.mul(dfR);
            DoubleVector ex2 = ex1.mul(sq.div(kr));
            DoubleVector nd1 = ex1.mul(NormalTail.INV_SQRT_2PI);
            // w = +1 call, -1 put; N(w d) is the lower tail L = N(-|d|) or 1 - L, as in the scalar kernel
            DoubleVector w = DoubleVector.broadcast(SPECIES, -1.0).blend(1.0, call);
            DoubleVector cd1 = signedCdf(w.mul(x1), lowerTail(x1, ex1));
            DoubleVector cd2 = signedCdf(w.mul(x2), lowerTail(x2, ex2));
            DoubleVector g = dfQ.mul(nd1).div(s.mul(sd));
            DoubleVector sqCd1 = sq.mul(cd1);
            DoubleVector krCd2 = kr.mul(cd2);
            w.mul(sqCd1.sub(krCd2)).intoArray(price, i);
            w.mul(dfQ).mul(cd1).intoArray(delta, i);
            g.intoArray(gamma, i);
            sq.mul(nd1).mul(sqrtT).intoArray(vega, i);
            // -S e^{-qT} n(d1) v / (2 sqrt T) = -gamma S^2 v^2 / 2
            g.mul(s).mul(s).mul(v).mul(v).mul(-0.5)
                    .add(w.mul(q.mul(sqCd1).sub(r.mul(krCd2)))).intoArray(theta, i);
            w.mul(t).mul(krCd2).intoArray(rho, i);
        }
        if (bound < n) {
            ScalarBlackScholesKernel.priceEuropean(bound, n, spot, strike, maturityYears, rate, div, vol, isCall,
                    price, delta, gamma, vega, theta, rho);
        }
    }

    /** A constant in every lane (the JIT hoists it out of the loop). */
    private static DoubleVector c(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }

    /** N(y) from the lower tail L = N(-|y|): 1 - L where y > 0, else L (exactly the small side kept). */
    private static DoubleVector signedCdf(DoubleVector y, DoubleVector lower) {
        return lower.blend(lower.neg().add(1.0), y.compare(GT, 0.0));
    }

    /**
     * N(-|x|) given exp(-x^2/2), with the rational approximations of {@link NormalTail#lowerTail}:
     * each lane picks its piece's numerator and denominator, then one division serves all three pieces.
     */
    private static DoubleVector lowerTail(DoubleVector x, DoubleVector expMinusHalfXSquared) {
        DoubleVector az = x.abs().mul(SQRT1_2);
        VectorMask<Double> central = az.compare(LT, 1.0);
        VectorMask<Double> near = az.compare(LT, 8.0);
        DoubleVector zz = az.mul(az);
        // central: erf(z) = z T(z^2)/U(z^2)
        DoubleVector tc = zz.fma(NormalTail.T0, NormalTail.T1).fma(zz, c(NormalTail.T2))
                .fma(zz, c(NormalTail.T3)).fma(zz, c(NormalTail.T4));
        DoubleVector uc = zz.add(NormalTail.U1).fma(zz, c(NormalTail.U2)).fma(zz, c(NormalTail.U3))
                .fma(zz, c(NormalTail.U4)).fma(zz, c(NormalTail.U5));
        // 1 <= z < 8: erfc(z) = exp(-z^2) P(z)/Q(z)
        DoubleVector pn = az.fma(NormalTail.P0, NormalTail.P1).fma(az, c(NormalTail.P2))
                .fma(az, c(NormalTail.P3)).fma(az, c(NormalTail.P4)).fma(az, c(NormalTail.P5))
                .fma(az, c(NormalTail.P6)).fma(az, c(NormalTail.P7)).fma(az, c(NormalTail.P8));
        DoubleVector qn = az.add(NormalTail.Q1).fma(az, c(NormalTail.Q2)).fma(az, c(NormalTail.Q3))
                .fma(az, c(NormalTail.Q4)).fma(az, c(NormalTail.Q5)).fma(az, c(NormalTail.Q6))
                .fma(az, c(NormalTail.Q7)).fma(az, c(NormalTail.Q8));
        // z >= 8: erfc(z) = exp(-z^2) R(z)/S(z)
        DoubleVector pf = az.fma(NormalTail.R0, NormalTail.R1).fma(az, c(NormalTail.R2))
                .fma(az, c(NormalTail.R3)).fma(az, c(NormalTail.R4)).fma(az, c(NormalTail.R5));
        DoubleVector qf = az.add(NormalTail.S1).fma(az, c(NormalTail.S2)).fma(az, c(NormalTail.S3))
                .fma(az, c(NormalTail.S4)).fma(az, c(NormalTail.S5)).fma(az, c(NormalTail.S6));
        DoubleVector numerator = pf.blend(pn, near).blend(az.mul(tc), central);
        DoubleVector denominator = qf.blend(qn, near).blend(uc, central);
        DoubleVector ratio = numerator.div(denominator);
        DoubleVector tail = expMinusHalfXSquared.mul(0.5).mul(ratio);
        return tail.blend(ratio.mul(-0.5).add(0.5), central);
    }
}
