package io.volsurf.strategy.market;

import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * The forecast, made at the close of session t, of the implied-vol surface of the next session t+1.
 * Strike-to-moneyness uses the forward of session t (the best estimate of t+1's: forwards are martingales).
 */
public interface ForecastView {

    /** The session the forecast is for (t+1). */
    LocalDate forecastFor();

    /**
     * Forecast implied volatility (decimal per sqrt(year)) at session {@link #forecastFor()}.
     *
     * @param maturityYears time to expiry measured from the forecast session, years ACT/365F ({@code > 0})
     * @param logMoneyness  {@code k = ln(K / F)}
     * @return the vol, or NaN where the forecast says nothing (outside its domain)
     */
    double impliedVol(double maturityYears, double logMoneyness);

    /** Arbitrage violations of the forecast surface as its maker counted them; empty when not known. */
    default OptionalInt arbitrageViolations() {
        return OptionalInt.empty();
    }
}
