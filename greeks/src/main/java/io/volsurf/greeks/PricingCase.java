package io.volsurf.greeks;

import java.util.Objects;

/** One contract with the inputs to price it: a row of a batch. */
public record PricingCase(OptionContract contract, PricingInputs inputs) {
    public PricingCase {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(inputs, "inputs");
    }
}
