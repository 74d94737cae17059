package io.volsurf.strategy.execution;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.market.OptionMark;
import io.volsurf.strategy.result.FillSource;

/**
 * Fill prices and costs. Options fill at the quoted ask (buys) or bid (sells) where the data has that side
 * (Deribit; a zero bid counts as quoted); otherwise at the reference price plus or minus the configured
 * half-spread assumption (the US data has last prices only; a function of price, moneyness and tenor: {@link
 * io.volsurf.strategy.config.HalfSpreadAssumption}), never below zero. Commissions per contract,
 * optionally a fraction of the underlying's notional capped at a fraction of the premium (Deribit's fee).
 * Expiry settles at intrinsic value; early exercise of American options is at intrinsic too.
 */
public final class ExecutionModel {
    private final StrategyConfig config;

    public ExecutionModel(StrategyConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is required");
        }
        this.config = config;
    }

    /**
     * Fills an option order at the session's prices.
     *
     * @param mark     the contract's mark (its quote may be null: then the half-spread assumption applies)
     * @param quantity signed contracts, non-zero
     * @param spotUsd  underlying price (for commissions proportional to the underlying)
     */
    public Fill option(OptionMark mark, double quantity, double spotUsd) {
        requireQuantity(quantity);
        double reference = mark.priceUsd();
        OptionQuote q = mark.quote();
        double quoted = Double.NaN;
        if (q != null) {
            quoted = quantity > 0 ? q.askUsd() : q.bidUsd();
            if (quantity > 0 && !(quoted > 0)) {
                quoted = Double.NaN; // a zero ask is not a price anyone sells at
            }
        }
        double price;
        FillSource source;
        if (Double.isFinite(quoted)) {
            price = quoted;
            source = FillSource.QUOTED_BID_ASK;
        } else {
            double half = config.halfSpread().halfSpreadUsd(reference, mark.logMoneyness(), mark.maturityYears());
            price = quantity > 0 ? reference + half : Math.max(reference - half, 0.0);
            source = FillSource.ASSUMED_HALF_SPREAD;
        }
        double m = config.contractMultiplier();
        double spreadCost = Math.abs(quantity) * m * Math.abs(price - reference);
        return new Fill(quantity, price, reference, optionCommission(quantity, price, spotUsd), spreadCost, source);
    }

    /** Commission of an option order, USD. */
    public double optionCommission(double quantity, double priceUsd, double spotUsd) {
        double m = config.contractMultiplier();
        double perContract = config.commissionPerContractUsd() + config.commissionUnderlyingFraction() * spotUsd * m;
        double commission = Math.abs(quantity) * perContract;
        if (config.commissionPremiumCap() > 0) {
            commission = Math.min(commission, config.commissionPremiumCap() * Math.abs(quantity) * m * priceUsd);
        }
        return commission;
    }

    /**
     * Fills an underlying (hedge) order at spot plus or minus its half-spread, with its commission: per unit
     * traded plus a fixed ticket per order.
     */
    public Fill underlying(double spotUsd, double quantity) {
        requireQuantity(quantity);
        double half = spotUsd * config.underlyingHalfSpreadBps() * 1e-4;
        double price = quantity > 0 ? spotUsd + half : spotUsd - half;
        double commission = Math.abs(quantity) * config.commissionPerUnderlyingUnitUsd()
                + config.commissionPerUnderlyingTradeUsd();
        return new Fill(quantity, price, spotUsd, commission, Math.abs(quantity) * half, FillSource.UNDERLYING_SPREAD);
    }

    /** Closes a position at expiry: cash settlement at intrinsic value at the settlement spot, no costs. */
    public Fill settlement(ContractKey key, double spotUsd, double quantity) {
        double intrinsic = key.intrinsic(spotUsd);
        return new Fill(quantity, intrinsic, intrinsic, 0.0, 0.0, FillSource.SETTLEMENT);
    }

    /** Closes a deep in-the-money American position by exercise (or assignment) at intrinsic value, no costs. */
    public Fill earlyExercise(ContractKey key, double spotUsd, double quantity) {
        double intrinsic = key.intrinsic(spotUsd);
        return new Fill(quantity, intrinsic, intrinsic, 0.0, 0.0, FillSource.EARLY_EXERCISE);
    }

    private static void requireQuantity(double quantity) {
        if (quantity == 0 || !Double.isFinite(quantity)) {
            throw new IllegalArgumentException("quantity must be finite and non-zero, got " + quantity);
        }
    }
}
