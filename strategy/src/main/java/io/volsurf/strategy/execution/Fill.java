package io.volsurf.strategy.execution;

import io.volsurf.strategy.result.FillSource;

/**
 * A modelled fill of one order.
 *
 * @param quantity          signed quantity (contracts, or units of underlying)
 * @param priceUsd          fill price, USD per unit of underlying
 * @param referencePriceUsd the mark, USD per unit
 * @param commissionUsd     commission, USD
 * @param spreadCostUsd     {@code |quantity| x multiplier x |price - reference|}, USD
 * @param source            how the price was obtained
 */
public record Fill(double quantity, double priceUsd, double referencePriceUsd, double commissionUsd,
        double spreadCostUsd, FillSource source) {
}
