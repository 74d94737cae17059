package io.volsurf.greeks.ql;

import io.volsurf.greeks.InputChecks;

/**
 * QuantLib's Black (1976) formula and its implied standard deviation, as a peer for the
 * project's own implied-volatility inversion (forecaster) in tests and benchmarks.
 */
public final class QuantLibBlackFormula {
    private QuantLibBlackFormula() {
    }

    /**
     * Undiscounted-by-default Black price: discount * (F N(d1) - K N(d2)) for a call.
     *
     * @param stdDev total standard deviation vol * sqrt(T)
     */
    public static double price(boolean isCall, double strike, double forward, double stdDev, double discount) {
        InputChecks.positive(strike, "strike");
        InputChecks.positive(forward, "forward");
        InputChecks.positive(discount, "discount");
        if (!(stdDev >= 0.0) || !Double.isFinite(stdDev)) {
            throw new IllegalArgumentException("stdDev must be a finite number >= 0, got " + stdDev);
        }
        NativeLibrary.load();
        return VolsurfQL.blackFormula(isCall ? Option.Type.Call : Option.Type.Put, strike, forward, stdDev, discount);
    }

    /**
     * QuantLib's blackFormulaImpliedStdDev (accuracy 1e-6 in stdDev, QuantLib's default):
     * the total standard deviation vol * sqrt(T) that reproduces blackPrice.
     *
     * @throws IllegalArgumentException for invalid inputs or a price outside the no-arbitrage bounds
     */
    public static double impliedStdDev(boolean isCall, double strike, double forward, double blackPrice,
                                       double discount) {
        InputChecks.positive(strike, "strike");
        InputChecks.positive(forward, "forward");
        InputChecks.positive(discount, "discount");
        InputChecks.finite(blackPrice, "blackPrice");
        NativeLibrary.load();
        try {
            return VolsurfQL.blackFormulaImpliedStdDev(isCall ? Option.Type.Call : Option.Type.Put, strike, forward,
                    blackPrice, discount);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("blackPrice: QuantLib cannot invert it: " + e.getMessage(), e);
        }
    }
}
