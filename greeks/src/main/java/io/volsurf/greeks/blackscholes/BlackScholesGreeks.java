package io.volsurf.greeks.blackscholes;

import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.GreeksEngine;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.OptionType;
import io.volsurf.greeks.PricingInputs;

/**
 * Closed-form Black-Scholes-Merton price and Greeks of European options with a continuous
 * dividend yield, in pure Java: the bulk path (no JNI, no allocation in the batch loop).
 * Conventions are QuantLib's: vega per unit vol, theta = -dV/dT per year, rho = dV/dr per unit
 * rate, maturity in years ACT/365F. American options are refused (use the QuantLib engine),
 * except calls with zero dividend yield and a non-negative rate, where early exercise is
 * never optimal and the European value is exact.
 */
public final class BlackScholesGreeks implements GreeksEngine {

    @Override
    public Greeks price(OptionContract contract, PricingInputs in) {
        requireEuropeanEquivalent(contract.style(), contract.type() == OptionType.CALL, in.rate(),
                in.dividendYield(), -1);
        double[] o = new double[6];
        compute(contract.type() == OptionType.CALL, in.spot(), contract.strike(), contract.maturityYears(),
                in.rate(), in.dividendYield(), in.vol(), o);
        return new Greeks(o[0], o[1], o[2], o[3], o[4], o[5]);
    }

    @Override
    public void priceInto(ContractBatch batch, GreeksBatch out) {
        int n = batch.size();
        if (out.capacity() < n) {
            throw new IllegalArgumentException("out holds " + out.capacity() + " results, batch has " + n);
        }
        boolean[] american = batch.isAmerican();
        boolean[] call = batch.isCall();
        double[] r = batch.rate();
        double[] q = batch.dividendYield();
        for (int i = 0; i < n; i++) {
            if (american[i]) {
                requireEuropeanEquivalent(ExerciseStyle.AMERICAN, call[i], r[i], q[i], i);
            }
        }
        priceEuropean(n, batch.spot(), batch.strike(), batch.maturityYears(), r, q, batch.vol(), call,
                out.price(), out.delta(), out.gamma(), out.vega(), out.theta(), out.rho());
    }

    private static void requireEuropeanEquivalent(ExerciseStyle style, boolean call, double rate, double div,
                                                  int index) {
        if (style == ExerciseStyle.AMERICAN && !(call && div == 0.0 && rate >= 0.0)) {
            throw new IllegalArgumentException("style" + (index >= 0 ? "[" + index + "]" : "")
                    + ": the closed-form Black-Scholes path prices European options only (and American calls"
                    + " without dividends); use QuantLibGreeksEngine for American options");
        }
    }

    /**
     * The allocation-free kernel over primitive arrays; inputs must already be valid
     * (positive finite spot, strike, maturity, vol; finite rate and yield), as
     * {@link ContractBatch} guarantees.
     */
    public static void priceEuropean(int n, double[] spot, double[] strike, double[] maturityYears,
                                     double[] rate, double[] div, double[] vol, boolean[] isCall,
                                     double[] price, double[] delta, double[] gamma, double[] vega,
                                     double[] theta, double[] rho) {
        for (int i = 0; i < n; i++) {
            double s = spot[i], k = strike[i], t = maturityYears[i], r = rate[i], q = div[i], v = vol[i];
            double sqrtT = Math.sqrt(t);
            double stdDev = v * sqrtT;
            double dfR = Math.exp(-r * t);
            double dfQ = Math.exp(-q * t);
            double sq = s * dfQ;               // S e^{-qT}
            double kr = k * dfR;               // K e^{-rT}
            double d1 = (Math.log(sq / kr) + 0.5 * stdDev * stdDev) / stdDev;
            double d2 = d1 - stdDev;
            double e1 = Math.exp(-0.5 * d1 * d1);
            double e2 = e1 * (sq / kr);        // exp(-d2^2/2): S e^{-qT} n(d1) = K e^{-rT} n(d2)
            double nd1 = NormalDistribution.INV_SQRT_2PI * e1;
            // w = +1 call, -1 put: V = w (S e^{-qT} N(w d1) - K e^{-rT} N(w d2)). Evaluating N(w d)
            // directly (not 1 - N(d)) keeps full relative accuracy in the tails, and one formula for
            // both rights avoids a mispredicted branch per option.
            double w = isCall[i] ? 1.0 : -1.0;
            double cd1 = NormalDistribution.cdf(w * d1, e1);
            double cd2 = NormalDistribution.cdf(w * d2, e2);
            double timeDecay = -sq * nd1 * v / (2.0 * sqrtT);
            price[i] = w * (sq * cd1 - kr * cd2);
            delta[i] = w * dfQ * cd1;
            theta[i] = timeDecay + w * (q * sq * cd1 - r * kr * cd2);
            rho[i] = w * t * kr * cd2;
            gamma[i] = dfQ * nd1 / (s * stdDev);
            vega[i] = sq * nd1 * sqrtT;
        }
    }

    private static void compute(boolean call, double s, double k, double t, double r, double q, double v,
                                double[] o) {
        double[] p = new double[1], d = new double[1], g = new double[1], ve = new double[1],
                th = new double[1], rh = new double[1];
        priceEuropean(1, new double[]{s}, new double[]{k}, new double[]{t}, new double[]{r}, new double[]{q},
                new double[]{v}, new boolean[]{call}, p, d, g, ve, th, rh);
        o[0] = p[0];
        o[1] = d[0];
        o[2] = g[0];
        o[3] = ve[0];
        o[4] = th[0];
        o[5] = rh[0];
    }
}
