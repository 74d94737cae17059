package io.volsurf.strategy.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.greeks.ql.NativeLibrary;
import io.volsurf.greeks.quantlib.AmericanEngine;
import io.volsurf.greeks.quantlib.QuantLibEngineConfig;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import io.volsurf.strategy.backtest.BacktestEngine;
import io.volsurf.strategy.backtest.BacktestListener;
import io.volsurf.strategy.backtest.BacktestSummary;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.testmarket.GeneratedMarket;
import java.time.LocalDate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ContractPricerTest {
    private static final ContractKey PUT = new ContractKey(LocalDate.of(2026, 9, 18), 110, OptionType.PUT);

    @Test
    void americanOptionsArePricedAsEuropeanUnderTheApproximation() {
        BlackScholesGreeks bs = new BlackScholesGreeks();
        ContractPricer approx = new ContractPricer(bs, null, AmericanPricing.BLACK_SCHOLES_APPROXIMATION);
        Greeks a = approx.greeks(PUT, ExerciseStyle.AMERICAN, 0.5, 100, 0.05, 0.0, 0.25);
        Greeks e = approx.greeks(PUT, ExerciseStyle.EUROPEAN, 0.5, 100, 0.05, 0.0, 0.25);
        assertEquals(e, a);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> new ContractPricer(bs, null, AmericanPricing.AMERICAN_ENGINE));
        assertTrue(x.getMessage().contains("americanEngine"), x.getMessage());
    }

    @Test
    void theAmericanEngineAddsTheEarlyExercisePremiumAndRunsABacktest() {
        Assumptions.assumeTrue(NativeLibrary.isAvailable(), "QuantLib binding not loadable here: skipping");
        try (QuantLibGreeksEngine ql = new QuantLibGreeksEngine(QuantLibEngineConfig.of(AmericanEngine.BAW))) {
            ContractPricer pricer = new ContractPricer(new BlackScholesGreeks(), ql, AmericanPricing.AMERICAN_ENGINE);
            Greeks american = pricer.greeks(PUT, ExerciseStyle.AMERICAN, 0.5, 100, 0.05, 0.0, 0.25);
            Greeks european = pricer.greeks(PUT, ExerciseStyle.EUROPEAN, 0.5, 100, 0.05, 0.0, 0.25);
            assertTrue(american.price() > european.price() + 0.05, american + " vs " + european);

            GeneratedMarket market = GeneratedMarket.builder().sessions(8).style(ExerciseStyle.AMERICAN)
                    .volOfVolPoints(0.5).strikes(0.9, 1.1, 0.025).expiryDaysFromStart(30, 60).seed(3).build();
            StrategyConfig config = StrategyConfig.builder().hedgeMode(HedgeMode.DELTA_GAMMA)
                    .americanPricing(AmericanPricing.AMERICAN_ENGINE).thresholdVolPoints(0.3).build();
            BacktestSummary s = new BacktestEngine(config, pricer).run(
                    market.inputs(i -> market.noisyForecast(i, 0, 2, 1)), BacktestListener.ignoring());
            assertTrue(s.trades() > 0);
            assertTrue(s.maxIdentityError() <= 1e-8);
        }
    }
}
