package io.volsurf.forecaster.forward;

/**
 * Settings of {@link ParityForwardEstimator}.
 *
 * @param fallbackRate            continuously compounded risk-free rate (decimal per year) used when the quotes
 *                                carry none and parity cannot give the discount
 * @param fallbackDividendYield   continuously compounded dividend yield (decimal per year) for the
 *                                {@link ForwardMethod#CONFIGURED} fallback
 * @param maxPairs                the near-the-money call/put pairs (closest strikes to the spot) fed to the fit
 * @param minPairs                fewer surviving pairs than this means falling back to the configured forward
 * @param minMaturityYearsForDiscount below this maturity the discount is not fitted (its slope is not identified
 *                                over the narrow near-the-money strike range) but taken from the rate
 * @param rateBounds              fitted discounts implying a rate outside {@code [-rateBounds, 3 rateBounds]}
 *                                are rejected in favour of the configured rate (decimal per year)
 * @param carryBoundPerYear       forwards with {@code |ln(F/S)| > 0.02 + carryBoundPerYear T} are rejected as
 *                                implausible (the 0.02 allows for a discrete dividend before a short expiry)
 * @param outlierMads             pairs whose parity residual exceeds this many robust standard deviations
 *                                (1.4826 MAD) are dropped as stale
 */
public record ForwardSettings(double fallbackRate, double fallbackDividendYield, int maxPairs, int minPairs,
        double minMaturityYearsForDiscount, double rateBounds, double carryBoundPerYear, double outlierMads) {

    public ForwardSettings {
        if (!Double.isFinite(fallbackRate) || Math.abs(fallbackRate) > 1) {
            throw new IllegalArgumentException("fallbackRate must be finite and |r| <= 1, got " + fallbackRate);
        }
        if (!Double.isFinite(fallbackDividendYield) || Math.abs(fallbackDividendYield) > 1) {
            throw new IllegalArgumentException("fallbackDividendYield must be finite and |q| <= 1, got "
                    + fallbackDividendYield);
        }
        if (minPairs < 1 || maxPairs < minPairs) {
            throw new IllegalArgumentException("need 1 <= minPairs <= maxPairs, got " + minPairs + ", " + maxPairs);
        }
        if (!(minMaturityYearsForDiscount >= 0) || !(rateBounds > 0) || !(carryBoundPerYear > 0)
                || !(outlierMads > 1)) {
            throw new IllegalArgumentException("minMaturityYearsForDiscount >= 0, rateBounds > 0, carryBoundPerYear > 0"
                    + " and outlierMads > 1 required");
        }
    }

    /**
     * Defaults: r = 4%, q = 0 (used only where parity fails), 24 pairs, at least 3, discount fitted from
     * 2 months, rates within [-5%, 15%], carry within 50%/year, outliers beyond 4 robust sd.
     */
    public static ForwardSettings defaults() {
        return new ForwardSettings(0.04, 0.0, 24, 3, 2.0 / 12, 0.05, 0.5, 4.0);
    }
}
