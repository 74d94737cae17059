package io.volsurf.strategy.market;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.GreeksEngine;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.strategy.config.AmericanPricing;

/**
 * Price and Greeks (per unit of underlying, QuantLib conventions: vega per unit vol, theta per year) of a
 * listed contract through the GreeksEngine: the European engine (pure-Java Black-Scholes) for European options
 * and, under {@link AmericanPricing#BLACK_SCHOLES_APPROXIMATION}, for American ones priced as European;
 * the American engine (QuantLib) under {@link AmericanPricing#AMERICAN_ENGINE}.
 */
public final class ContractPricer {
    private final GreeksEngine europeanEngine;
    private final GreeksEngine americanEngine;
    private final AmericanPricing americanPricing;

    /**
     * @param europeanEngine  e.g. {@code BlackScholesGreeks}
     * @param americanEngine  e.g. {@code QuantLibGreeksEngine}; may be null unless {@code americanPricing} is
     *                        AMERICAN_ENGINE
     * @param americanPricing how American options are priced
     */
    public ContractPricer(GreeksEngine europeanEngine, GreeksEngine americanEngine, AmericanPricing americanPricing) {
        if (europeanEngine == null || americanPricing == null) {
            throw new IllegalArgumentException("europeanEngine and americanPricing are required");
        }
        if (americanPricing == AmericanPricing.AMERICAN_ENGINE && americanEngine == null) {
            throw new IllegalArgumentException("americanEngine is required when americanPricing is AMERICAN_ENGINE");
        }
        this.europeanEngine = europeanEngine;
        this.americanEngine = americanEngine;
        this.americanPricing = americanPricing;
    }

    /**
     * Greeks of one contract per unit of underlying.
     *
     * @param vol implied vol, decimal ({@code > 0})
     */
    public Greeks greeks(ContractKey key, ExerciseStyle style, double maturityYears, double spot, double rate,
            double dividendYield, double vol) {
        OptionType type = key.type();
        boolean american = style == ExerciseStyle.AMERICAN && americanPricing == AmericanPricing.AMERICAN_ENGINE
                && earlyExerciseMayPay(type, rate, dividendYield);
        OptionContract contract = new OptionContract(type, american ? ExerciseStyle.AMERICAN : ExerciseStyle.EUROPEAN,
                key.strike(), maturityYears);
        PricingInputs inputs = new PricingInputs(spot, rate, dividendYield, vol);
        return american ? americanEngine.price(contract, inputs) : europeanEngine.price(contract, inputs);
    }

    /**
     * Whether early exercise can be worth anything (Merton 1973): a call only when the underlying yields
     * ({@code q > 0}), a put only when money earns interest ({@code r > 0}). Otherwise the American value is the
     * European one, priced in closed form; this also keeps BAW off {@code r <= 0}, where QuantLib's quadratic
     * approximation has no solution (parity-implied carry on last-price data is sometimes negative: SPY shows
     * r = -1.4%, q = -4.4% on some expiries).
     */
    static boolean earlyExerciseMayPay(OptionType type, double rate, double dividendYield) {
        return type == OptionType.CALL ? dividendYield > 0 : rate > 0;
    }

    /** True when American options go through the American engine (their value includes early exercise). */
    public boolean pricesAmerican() {
        return americanPricing == AmericanPricing.AMERICAN_ENGINE;
    }

    /** Greeks at a mark's carry and the given vol. */
    public Greeks greeks(OptionMark mark, ExerciseStyle style, double spot, double vol) {
        return greeks(mark.key(), style, mark.maturityYears(), spot, mark.rate(), mark.dividendYield(), vol);
    }
}
