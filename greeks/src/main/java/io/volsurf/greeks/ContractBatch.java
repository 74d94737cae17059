package io.volsurf.greeks;

import io.volsurf.forecaster.market.OptionType;
import java.util.List;

/**
 * Many options with their inputs, as parallel primitive arrays (structure of arrays) so that
 * batch pricers run without allocation or boxing. All arrays are checked once, here, so the
 * pricing loops do not re-check; the batch keeps the caller's arrays (no copy): do not change
 * them afterwards. Units as in {@link OptionContract} and {@link PricingInputs}.
 */
public final class ContractBatch {
    private final double[] spot;
    private final double[] strike;
    private final double[] maturityYears;
    private final double[] rate;
    private final double[] dividendYield;
    private final double[] vol;
    private final boolean[] isCall;
    private final boolean[] isAmerican;

    public ContractBatch(double[] spot, double[] strike, double[] maturityYears, double[] rate,
                         double[] dividendYield, double[] vol, boolean[] isCall, boolean[] isAmerican) {
        int n = spot.length;
        requireLength(strike.length, n, "strike");
        requireLength(maturityYears.length, n, "maturityYears");
        requireLength(rate.length, n, "rate");
        requireLength(dividendYield.length, n, "dividendYield");
        requireLength(vol.length, n, "vol");
        requireLength(isCall.length, n, "isCall");
        requireLength(isAmerican.length, n, "isAmerican");
        for (int i = 0; i < n; i++) {
            check(spot[i], true, "spot", i);
            check(strike[i], true, "strike", i);
            check(maturityYears[i], true, "maturityYears", i);
            check(rate[i], false, "rate", i);
            check(dividendYield[i], false, "dividendYield", i);
            check(vol[i], true, "vol", i);
        }
        this.spot = spot;
        this.strike = strike;
        this.maturityYears = maturityYears;
        this.rate = rate;
        this.dividendYield = dividendYield;
        this.vol = vol;
        this.isCall = isCall;
        this.isAmerican = isAmerican;
    }

    /** A batch from cases, in order. */
    public static ContractBatch of(List<PricingCase> cases) {
        int n = cases.size();
        double[] s = new double[n], k = new double[n], t = new double[n], r = new double[n],
                q = new double[n], v = new double[n];
        boolean[] call = new boolean[n], american = new boolean[n];
        for (int i = 0; i < n; i++) {
            PricingCase c = cases.get(i);
            s[i] = c.inputs().spot();
            k[i] = c.contract().strike();
            t[i] = c.contract().maturityYears();
            r[i] = c.inputs().rate();
            q[i] = c.inputs().dividendYield();
            v[i] = c.inputs().vol();
            call[i] = c.contract().type() == OptionType.CALL;
            american[i] = c.contract().style() == ExerciseStyle.AMERICAN;
        }
        return new ContractBatch(s, k, t, r, q, v, call, american);
    }

    private static void requireLength(int actual, int expected, String field) {
        if (actual != expected) {
            throw new IllegalArgumentException(field + " has " + actual + " entries, spot has " + expected);
        }
    }

    private static void check(double value, boolean mustBePositive, String field, int index) {
        boolean ok = Double.isFinite(value) && (!mustBePositive || value > 0.0);
        if (!ok) {
            throw new IllegalArgumentException(field + "[" + index + "] must be a finite number"
                    + (mustBePositive ? " > 0" : "") + ", got " + value);
        }
    }

    public int size() {
        return spot.length;
    }

    /** The case at index i as value objects. */
    public PricingCase get(int i) {
        return new PricingCase(
                new OptionContract(isCall[i] ? OptionType.CALL : OptionType.PUT,
                        isAmerican[i] ? ExerciseStyle.AMERICAN : ExerciseStyle.EUROPEAN, strike[i], maturityYears[i]),
                new PricingInputs(spot[i], rate[i], dividendYield[i], vol[i]));
    }

    public boolean anyAmerican() {
        for (boolean a : isAmerican) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    // Direct array access for pricing loops: read-only by contract.
    public double[] spot() { return spot; }
    public double[] strike() { return strike; }
    public double[] maturityYears() { return maturityYears; }
    public double[] rate() { return rate; }
    public double[] dividendYield() { return dividendYield; }
    public double[] vol() { return vol; }
    public boolean[] isCall() { return isCall; }
    public boolean[] isAmerican() { return isAmerican; }
}
