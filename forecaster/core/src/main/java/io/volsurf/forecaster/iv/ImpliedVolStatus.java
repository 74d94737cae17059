package io.volsurf.forecaster.iv;

/** Outcome of an implied-volatility inversion; every value but {@link #OK} is a reason to reject the quote. */
public enum ImpliedVolStatus {
    /** A positive implied volatility was found. */
    OK,
    /** The price equals the intrinsic value (no time value): the implied volatility is zero, carrying no information. */
    AT_INTRINSIC,
    /** The price is below the intrinsic value {@code max(F-K,0)} (call) or {@code max(K-F,0)} (put): no volatility fits. */
    BELOW_INTRINSIC,
    /** The price reaches the upper bound {@code F} (call) or {@code K} (put), which only infinite volatility attains. */
    ABOVE_MAXIMUM
}
