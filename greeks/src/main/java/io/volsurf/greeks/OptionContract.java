package io.volsurf.greeks;

import io.volsurf.forecaster.market.OptionType;
import java.util.Objects;

/**
 * A vanilla equity option: what is traded, without market data.
 *
 * @param type          call or put
 * @param style         European or American exercise
 * @param strike        strike price, in the underlying's currency (> 0)
 * @param maturityYears time to expiry in years, ACT/365F (> 0)
 */
public record OptionContract(OptionType type, ExerciseStyle style, double strike, double maturityYears) {
    public OptionContract {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(style, "style");
        InputChecks.positive(strike, "strike");
        InputChecks.positive(maturityYears, "maturityYears");
    }

    public static OptionContract european(OptionType type, double strike, double maturityYears) {
        return new OptionContract(type, ExerciseStyle.EUROPEAN, strike, maturityYears);
    }

    public static OptionContract american(OptionType type, double strike, double maturityYears) {
        return new OptionContract(type, ExerciseStyle.AMERICAN, strike, maturityYears);
    }
}
