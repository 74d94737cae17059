package io.volsurf.strategy.result;

import io.volsurf.strategy.market.ContractKey;
import java.time.LocalDate;

/**
 * One fill.
 *
 * @param date              session of the fill
 * @param ticker            underlying
 * @param tradeId           the trade idea the fill belongs to (legs of one straddle share it); 0 for hedges
 * @param role              trading leg, hedge option or underlying
 * @param contract          the option; null for the underlying
 * @param quantity          signed: contracts for options (+ buy), units of underlying for the underlying
 * @param priceUsd          fill price, USD per unit of underlying
 * @param referencePriceUsd the mark the fill is measured against, USD per unit
 * @param multiplier        units of underlying per contract (1 for the underlying)
 * @param commissionUsd     commission paid, USD ({@code >= 0})
 * @param spreadCostUsd     {@code |quantity| x multiplier x |price - reference|}, USD ({@code >= 0})
 * @param fillSource        how the price was obtained
 * @param reason            why the trade was made
 */
public record Trade(LocalDate date, String ticker, long tradeId, PositionRole role, ContractKey contract,
        double quantity, double priceUsd, double referencePriceUsd, double multiplier, double commissionUsd,
        double spreadCostUsd, FillSource fillSource, TradeReason reason) {

    /** Cash paid (negative) or received (positive), USD, commission included. */
    public double cashFlowUsd() {
        return -quantity * multiplier * priceUsd - commissionUsd;
    }

    /** Premium notional {@code |quantity| x multiplier x price}, USD (for turnover). */
    public double notionalUsd() {
        return Math.abs(quantity) * multiplier * priceUsd;
    }

    /** Execution cost against the mark, USD: spread plus commission. */
    public double costUsd() {
        return spreadCostUsd + commissionUsd;
    }
}
