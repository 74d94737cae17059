package io.volsurf.forecaster.market;

/** The unit an option premium is quoted in. */
public enum PriceUnit {
    /** Quote currency (USD) per unit of underlying: US equity options. */
    QUOTE_CURRENCY,
    /** Units of the underlying coin (inverse options, e.g. Deribit): USD = premium x underlying price. */
    UNDERLYING
}
