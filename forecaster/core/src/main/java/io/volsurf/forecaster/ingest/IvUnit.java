package io.volsurf.forecaster.ingest;

/** The unit a vendor writes implied volatilities in. */
public enum IvUnit {
    /** 0.41 means 41%. */
    DECIMAL(1.0),
    /** 41.2 means 41.2%. */
    PERCENT(0.01);

    private final double toDecimal;

    IvUnit(double toDecimal) {
        this.toDecimal = toDecimal;
    }

    /** The value as a decimal volatility. */
    public double toDecimal(double value) {
        return value * toDecimal;
    }

    /** Lower-case name for messages and JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
