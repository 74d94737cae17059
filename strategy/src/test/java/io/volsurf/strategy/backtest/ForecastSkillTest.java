package io.volsurf.strategy.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.testmarket.GeneratedMarket;
import org.junit.jupiter.api.Test;

/** The run's forecast skill on its own contracts against carry-forward, and the PnL split that adds up to the total. */
class ForecastSkillTest {
    private static final ContractPricer PRICER = new ContractPricer(new BlackScholesGreeks(), null,
            AmericanPricing.BLACK_SCHOLES_APPROXIMATION);

    @Test
    void aPerfectForecastHasNoErrorAndBeatsCarryForwardAndTheSplitAddsUp() {
        GeneratedMarket market = GeneratedMarket.builder().sessions(30).skew(-0.15).volOfVolPoints(0.8).seed(7).build();
        StrategyConfig config = StrategyConfig.builder().hedgeMode(HedgeMode.DELTA).thresholdVolPoints(0.0)
                .holdingPeriodSessions(10).exitGapVolPoints(-100).build();
        BacktestSummary perfect = new BacktestEngine(config, PRICER)
                .run(market.inputs(i -> market.trueForecast(i, 0)), BacktestListener.ignoring());
        EvaluationSummary e = perfect.evaluation();
        assertTrue(e.contractsCompared() > 10, "held contracts compared: " + e.contractsCompared());
        assertEquals(0.0, e.rmseVolPoints(), 1e-9);
        assertTrue(e.carryForwardRmseVolPoints() > 0.1, "vol moves: carry-forward misses " + e.carryForwardRmseVolPoints());
        assertEquals(0.0, e.skillRatio(), 1e-9);

        BacktestSummary noisy = new BacktestEngine(config, PRICER)
                .run(market.inputs(i -> market.noisyForecast(i, 0, 3.0, 5)), BacktestListener.ignoring());
        assertTrue(noisy.evaluation().skillRatio() > 1, "3 vol points of noise is worse than carry-forward: "
                + noisy.evaluation());
        for (BacktestSummary s : new BacktestSummary[] {perfect, noisy}) {
            double split = s.deltaPnl() + s.gammaPnl() + s.thetaPnl() + s.evaluation().forecastPredictedPnl()
                    + s.evaluation().forecastErrorPnl() + s.residualPnl() - s.costsUsd() + s.otherTradingPnl();
            assertEquals(s.totalPnl(), split, 1e-8 * Math.max(1, Math.abs(s.totalPnl())));
            assertTrue(s.costsUsd() > 0);
        }
    }
}
