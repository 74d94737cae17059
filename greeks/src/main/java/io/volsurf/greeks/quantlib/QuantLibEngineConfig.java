package io.volsurf.greeks.quantlib;

import java.util.Objects;

/**
 * Choice of QuantLib engines. European options always use AnalyticEuropeanEngine.
 *
 * @param americanEngine engine for American options
 * @param fdTimeSteps    time steps of the FD engine (QuantLib's tGrid)
 * @param fdGridPoints   spatial points of the FD engine (QuantLib's xGrid)
 * @param fdDampingSteps implicit Euler damping steps at the start of the FD rollback
 */
public record QuantLibEngineConfig(AmericanEngine americanEngine, int fdTimeSteps, int fdGridPoints,
                                   int fdDampingSteps) {
    public QuantLibEngineConfig {
        Objects.requireNonNull(americanEngine, "americanEngine");
        if (!americanEngine.quantLib()) {
            throw new IllegalArgumentException(americanEngine + " is not a QuantLib engine");
        }
        if (fdTimeSteps < 1) {
            throw new IllegalArgumentException("fdTimeSteps must be >= 1, got " + fdTimeSteps);
        }
        if (fdGridPoints < 3) {
            throw new IllegalArgumentException("fdGridPoints must be >= 3, got " + fdGridPoints);
        }
        if (fdDampingSteps < 0) {
            throw new IllegalArgumentException("fdDampingSteps must be >= 0, got " + fdDampingSteps);
        }
    }

    /** FD with 200 time steps x 200 points: about 1e-4 relative on the price of a 1y ATM put. */
    public static QuantLibEngineConfig defaults() {
        return new QuantLibEngineConfig(AmericanEngine.FD, 200, 200, 0);
    }

    public static QuantLibEngineConfig of(AmericanEngine engine) {
        return new QuantLibEngineConfig(engine, 200, 200, 0);
    }
}
