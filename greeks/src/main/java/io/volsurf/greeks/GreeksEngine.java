package io.volsurf.greeks;

import java.util.List;

/**
 * Prices vanilla options under Black-Scholes-Merton with a continuous dividend yield and
 * returns QuantLib-convention Greeks (vega per unit vol, theta per year, rho per unit rate,
 * ACT/365F maturities). Stateless from the caller's view: the same call gives the same answer.
 */
public interface GreeksEngine {

    /** Price and Greeks of one contract. */
    Greeks price(OptionContract contract, PricingInputs inputs);

    /** Prices a whole batch into {@code out} (capacity at least {@code batch.size()}). */
    void priceInto(ContractBatch batch, GreeksBatch out);

    /** Price and Greeks with the volatility looked up at the contract's maturity and strike. */
    default Greeks price(OptionContract contract, MarketInputs market, VolatilitySource vols) {
        double vol = vols.volatility(contract.maturityYears(), contract.strike());
        return price(contract, market.withVol(vol));
    }

    /** Prices a batch into a fresh result. */
    default GreeksBatch price(ContractBatch batch) {
        GreeksBatch out = new GreeksBatch(batch.size());
        priceInto(batch, out);
        return out;
    }

    /** Prices cases in order. */
    default List<Greeks> priceAll(List<PricingCase> cases) {
        return price(ContractBatch.of(cases)).toList(cases.size());
    }
}
