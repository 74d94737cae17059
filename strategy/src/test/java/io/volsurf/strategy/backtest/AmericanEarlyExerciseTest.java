package io.volsurf.strategy.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.EarlyExercise;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.result.FillSource;
import io.volsurf.strategy.result.SessionResult;
import io.volsurf.strategy.result.Trade;
import io.volsurf.strategy.result.TradeReason;
import io.volsurf.strategy.testmarket.GeneratedMarket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmericanEarlyExerciseTest {
    private static final ContractPricer PRICER = new ContractPricer(new BlackScholesGreeks(), null,
            AmericanPricing.BLACK_SCHOLES_APPROXIMATION);

    /** Low vol, a spot that runs far through the strikes: short-dated options end deep in the money. */
    private static GeneratedMarket trendingMarket() {
        return GeneratedMarket.builder().sessions(20).realizedVol(0.9).vol0(0.05).rate(0.0).dividendYield(0.0)
                .seed(12).style(ExerciseStyle.AMERICAN).expiryDaysFromStart(19, 60).strikes(0.9, 1.1, 0.02).build();
    }

    private static StrategyConfig config(EarlyExercise mode) {
        return StrategyConfig.builder().hedgeMode(HedgeMode.DELTA).earlyExercise(mode).thresholdVolPoints(0.2)
                .holdingPeriodSessions(1000).exitGapVolPoints(-100).minDaysToExpiry(0).minDaysToExpiryEntry(5)
                .maxAbsLogMoneyness(0.1).otmOnly(true).earlyExerciseMaxTimeValueUsd(0.01).build();
    }

    @Test
    void deepInTheMoneyAmericanOptionsAreFlaggedOrExercisedAtIntrinsic() {
        GeneratedMarket market = trendingMarket();
        List<SessionResult> flagged = new ArrayList<>();
        BacktestSummary f = new BacktestEngine(config(EarlyExercise.FLAG), PRICER)
                .run(market.inputs(i -> market.trueForecast(i, 5)), flagged::add);
        assertTrue(f.earlyExerciseFlags() > 0, "the market must push options deep in the money");
        assertEquals(0, f.earlyExercises());
        assertTrue(flagged.stream().anyMatch(r -> r.positions().stream().anyMatch(p -> p.earlyExerciseFlag())));
        assertTrue(flagged.stream().anyMatch(r -> r.notes().stream().anyMatch(n -> n.contains("early exercise flagged"))));

        List<SessionResult> exercised = new ArrayList<>();
        BacktestSummary x = new BacktestEngine(config(EarlyExercise.EXERCISE), PRICER)
                .run(market.inputs(i -> market.trueForecast(i, 5)), exercised::add);
        assertTrue(x.earlyExercises() > 0);
        for (SessionResult r : exercised) {
            for (Trade t : r.trades()) {
                if (t.reason() == TradeReason.EARLY_EXERCISE) {
                    assertEquals(FillSource.EARLY_EXERCISE, t.fillSource());
                    assertEquals(t.contract().intrinsic(market.spots[r.sessionIndex()]), t.priceUsd(), 1e-12);
                    assertTrue(t.priceUsd() > 0);
                }
            }
        }
    }
}
