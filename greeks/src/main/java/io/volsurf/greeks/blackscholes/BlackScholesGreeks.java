package io.volsurf.greeks.blackscholes;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.GreeksEngine;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;

/**
 * Closed-form Black-Scholes-Merton price and Greeks of European options with a continuous
 * dividend yield, in pure Java: the bulk path (no JNI, no allocation per option).
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
     * Price and Greeks of {@code n} European options into the output arrays: the kernel over primitive
     * arrays. Inputs must already be valid (positive finite spot, strike, maturity, vol; finite rate and
     * yield), as {@link ContractBatch} guarantees. Runs the SIMD kernel where the JVM has the Vector API
     * ({@link BatchKernel#SELECTED}), the scalar one otherwise; both agree to round-off.
     */
    public static void priceEuropean(int n, double[] spot, double[] strike, double[] maturityYears,
                                     double[] rate, double[] div, double[] vol, boolean[] isCall,
                                     double[] price, double[] delta, double[] gamma, double[] vega,
                                     double[] theta, double[] rho) {
        BatchKernel.SELECTED.priceEuropean(n, spot, strike, maturityYears, rate, div, vol, isCall,
                price, delta, gamma, vega, theta, rho);
    }

    /**
     * The same through the scalar kernel whatever the JVM offers: bit for bit the same results on every
     * platform (the SIMD kernel's exp and log may differ from {@link Math}'s in the last bit).
     */
    public static void priceEuropeanScalar(int n, double[] spot, double[] strike, double[] maturityYears,
                                           double[] rate, double[] div, double[] vol, boolean[] isCall,
                                           double[] price, double[] delta, double[] gamma, double[] vega,
                                           double[] theta, double[] rho) {
        ScalarBlackScholesKernel.priceEuropean(0, n, spot, strike, maturityYears, rate, div, vol, isCall,
                price, delta, gamma, vega, theta, rho);
    }

    /** Which kernel the batch path runs in this JVM: {@code "simd (8 x double)"} or {@code "scalar"}. */
    public static String batchKernel() {
        return BatchKernel.SELECTED.description();
    }

    private static void compute(boolean call, double s, double k, double t, double r, double q, double v,
                                double[] o) {
        double[] p = new double[1], d = new double[1], g = new double[1], ve = new double[1],
                th = new double[1], rh = new double[1];
        ScalarBlackScholesKernel.priceEuropean(0, 1, new double[]{s}, new double[]{k}, new double[]{t}, new double[]{r}, new double[]{q},
                new double[]{v}, new boolean[]{call}, p, d, g, ve, th, rh);
        o[0] = p[0];
        o[1] = d[0];
        o[2] = g[0];
        o[3] = ve[0];
        o[4] = th[0];
        o[5] = rh[0];
    }
}
