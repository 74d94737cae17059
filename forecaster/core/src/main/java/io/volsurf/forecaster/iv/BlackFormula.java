package io.volsurf.forecaster.iv;

/**
 * Black-76 prices and vega in the forward measure, undiscounted: multiply by the discount factor
 * {@code D(T)} for present values. Computed through Jäckel's normalised Black function, so prices keep
 * full relative accuracy far out of the money (where the textbook formula subtracts two nearly equal terms).
 */
public final class BlackFormula {

    private BlackFormula() {
    }

    /**
     * Undiscounted Black-76 price of a European option.
     *
     * @param forward       forward price {@code F > 0} of the underlying for the option's expiry
     * @param strike        strike {@code K > 0}
     * @param vol           Black volatility (decimal, per sqrt(year)), {@code >= 0}
     * @param maturityYears time to expiry in years, {@code > 0}
     * @param isCall        true for a call, false for a put
     * @return {@code D^{-1}} times the option value, in the currency of the forward
     */
    public static double price(double forward, double strike, double vol, double maturityYears, boolean isCall) {
        checkMarket(forward, strike, maturityYears);
        if (!(vol >= 0) || Double.isInfinite(vol)) {
            throw new IllegalArgumentException("vol must be finite and >= 0, got " + vol);
        }
        double s = vol * Math.sqrt(maturityYears);
        double intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0.0);
        if (s <= 0) {
            return intrinsic;
        }
        // The time value is that of the out-of-the-money twin, b(-|x|, s) sqrt(F K); adding the exact
        // intrinsic F - K (rather than going through x = ln(F/K)) keeps every digit of it near the money.
        // b_max = e^{-|x|/2} = sqrt(min(F, K) / max(F, K)) exactly as the inversion forms it, so that
        // prices near their maximum round-trip.
        double sqrtForward = Math.sqrt(forward);
        double sqrtStrike = Math.sqrt(strike);
        double bMax = Math.min(sqrtForward, sqrtStrike) / Math.max(sqrtForward, sqrtStrike);
        double x = -Math.abs(Math.log(forward / strike));
        return intrinsic + sqrtForward * sqrtStrike * NormalisedBlack.outOfTheMoneyCall(x, s, bMax);
    }

    /**
     * Undiscounted vega {@code dPrice/dVol} (per unit of volatility, same for calls and puts).
     *
     * @return {@code F phi(d1) sqrt(T)}, in the currency of the forward per unit of volatility
     */
    public static double vega(double forward, double strike, double vol, double maturityYears) {
        checkMarket(forward, strike, maturityYears);
        if (!(vol >= 0) || Double.isInfinite(vol)) {
            throw new IllegalArgumentException("vol must be finite and >= 0, got " + vol);
        }
        double sqrtT = Math.sqrt(maturityYears);
        return Math.sqrt(forward) * Math.sqrt(strike) * NormalisedBlack.vega(Math.log(forward / strike), vol * sqrtT)
                * sqrtT;
    }

    static void checkMarket(double forward, double strike, double maturityYears) {
        if (!(forward > 0) || Double.isInfinite(forward)) {
            throw new IllegalArgumentException("forward must be finite and > 0, got " + forward);
        }
        if (!(strike > 0) || Double.isInfinite(strike)) {
            throw new IllegalArgumentException("strike must be finite and > 0, got " + strike);
        }
        if (!(maturityYears > 0) || Double.isInfinite(maturityYears)) {
            throw new IllegalArgumentException("maturityYears must be finite and > 0, got " + maturityYears);
        }
    }
}
