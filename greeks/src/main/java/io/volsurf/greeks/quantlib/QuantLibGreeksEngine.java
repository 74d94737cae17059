package io.volsurf.greeks.quantlib;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.GreeksEngine;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.ql.BatchPricer;
import io.volsurf.greeks.ql.NativeLibrary;

/**
 * Prices through QuantLib 1.29 (the project's SWIG binding): AnalyticEuropeanEngine for
 * European options, and the configured {@link AmericanEngine} for American ones, over a
 * BlackScholesMertonProcess with flat ACT/365F curves and a flat Black vol per contract.
 * A batch is one JNI crossing ({@code BatchPricer.price}); a single price is a batch of one.
 * Holds native memory: close it (try-with-resources) when done.
 */
public final class QuantLibGreeksEngine implements GreeksEngine, AutoCloseable {
    // QuantLib's evaluation date is a process-wide singleton that is not thread-safe:
    // every engine instance prices under this one lock.
    private static final Object QUANTLIB_LOCK = new Object();

    private final QuantLibEngineConfig config;
    private final BatchPricer pricer;
    private boolean closed;

    public QuantLibGreeksEngine(QuantLibEngineConfig config) {
        this.config = config;
        NativeLibrary.load();
        synchronized (QUANTLIB_LOCK) {
            this.pricer = new BatchPricer(config.americanEngine().nativeCode, config.fdTimeSteps(),
                    config.fdGridPoints(), config.fdDampingSteps());
        }
    }

    public QuantLibGreeksEngine() {
        this(QuantLibEngineConfig.defaults());
    }

    public QuantLibEngineConfig config() {
        return config;
    }

    @Override
    public Greeks price(OptionContract contract, PricingInputs in) {
        double[] out = new double[6];
        priceArrays(1, new double[]{in.spot()}, new double[]{contract.strike()},
                new double[]{contract.maturityYears()}, new double[]{in.rate()}, new double[]{in.dividendYield()},
                new double[]{in.vol()}, new int[]{contract.type() == OptionType.CALL ? 1 : 0},
                new int[]{contract.style() == ExerciseStyle.AMERICAN ? 1 : 0}, out);
        return new Greeks(out[0], out[1], out[2], out[3], out[4], out[5]);
    }

    @Override
    public void priceInto(ContractBatch batch, GreeksBatch result) {
        int n = batch.size();
        if (result.capacity() < n) {
            throw new IllegalArgumentException("out holds " + result.capacity() + " results, batch has " + n);
        }
        int[] call = new int[n];
        int[] american = new int[n];
        for (int i = 0; i < n; i++) {
            call[i] = batch.isCall()[i] ? 1 : 0;
            american[i] = batch.isAmerican()[i] ? 1 : 0;
        }
        double[] out = new double[6 * n];
        priceArrays(n, batch.spot(), batch.strike(), batch.maturityYears(), batch.rate(), batch.dividendYield(),
                batch.vol(), call, american, out);
        for (int i = 0; i < n; i++) {
            int o = 6 * i;
            result.set(i, out[o], out[o + 1], out[o + 2], out[o + 3], out[o + 4], out[o + 5]);
        }
    }

    /**
     * The raw batch call: one JNI crossing for n contracts. Arrays as in {@link ContractBatch}
     * (must already be valid), isCall/isAmerican as 0/1, out receives 6 values per contract:
     * price, delta, gamma, vega, theta, rho.
     */
    public void priceArrays(int n, double[] spot, double[] strike, double[] maturityYears, double[] rate,
                            double[] div, double[] vol, int[] isCall, int[] isAmerican, double[] out) {
        if (spot.length < n || strike.length < n || maturityYears.length < n || rate.length < n || div.length < n
                || vol.length < n || isCall.length < n || isAmerican.length < n || out.length < 6 * n) {
            throw new IllegalArgumentException("arrays shorter than n = " + n + " (out needs 6n)");
        }
        synchronized (QUANTLIB_LOCK) {
            if (closed) {
                throw new IllegalStateException("QuantLibGreeksEngine is closed");
            }
            try {
                pricer.price(n, spot, strike, maturityYears, rate, div, vol, isCall, isAmerican, out);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("QuantLib could not price: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (QUANTLIB_LOCK) {
            if (!closed) {
                closed = true;
                pricer.delete();
            }
        }
    }
}
