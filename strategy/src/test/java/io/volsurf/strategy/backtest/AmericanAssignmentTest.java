package io.volsurf.strategy.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.greeks.quantlib.AmericanEngine;
import io.volsurf.greeks.quantlib.QuantLibEngineConfig;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.result.FillSource;
import io.volsurf.strategy.result.PnlAttribution;
import io.volsurf.strategy.result.SessionResult;
import io.volsurf.strategy.result.Trade;
import io.volsurf.strategy.result.TradeReason;
import io.volsurf.strategy.testmarket.GeneratedMarket;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * American exercise through the backtest's pricer (QuantLib BAW and FD through the binding): the early-exercise
 * premium where there is one, none where there is none, and short puts past the exercise boundary assigned at the
 * close with the attribution identities intact.
 */
class AmericanAssignmentTest {
    private static final BlackScholesGreeks BS = new BlackScholesGreeks();

    private static ContractKey key(OptionType type, double strike) {
        return new ContractKey(LocalDate.of(2027, 1, 15), strike, type);
    }

    @Test
    void americanIsAtLeastEuropeanForPutsAndDividendCallsAndEqualForCallsWithoutDividends() {
        for (AmericanEngine engine : new AmericanEngine[] {AmericanEngine.BAW, AmericanEngine.FD}) {
            try (QuantLibGreeksEngine ql = new QuantLibGreeksEngine(QuantLibEngineConfig.of(engine))) {
                ContractPricer pricer = new ContractPricer(BS, ql, AmericanPricing.AMERICAN_ENGINE);
                // FD is accurate to about 1e-4 relative on 200 x 200; BAW returns the European value for q = 0 calls
                double tol = engine == AmericanEngine.FD ? 2e-3 : 1e-12;
                for (double strike : new double[] {80, 100, 120}) {
                    for (double t : new double[] {0.1, 0.5, 1.0}) {
                        Greeks amPut = pricer.greeks(key(OptionType.PUT, strike), ExerciseStyle.AMERICAN, t, 100, 0.06, 0.0, 0.25);
                        Greeks euPut = pricer.greeks(key(OptionType.PUT, strike), ExerciseStyle.EUROPEAN, t, 100, 0.06, 0.0, 0.25);
                        assertTrue(amPut.price() >= euPut.price() - tol, engine + " put K=" + strike + " T=" + t);
                        Greeks amCall = pricer.greeks(key(OptionType.CALL, strike), ExerciseStyle.AMERICAN, t, 100, 0.06, 0.04, 0.25);
                        Greeks euCall = pricer.greeks(key(OptionType.CALL, strike), ExerciseStyle.EUROPEAN, t, 100, 0.06, 0.04, 0.25);
                        assertTrue(amCall.price() >= euCall.price() - tol, engine + " dividend call K=" + strike + " T=" + t);
                        Greeks amCall0 = pricer.greeks(key(OptionType.CALL, strike), ExerciseStyle.AMERICAN, t, 100, 0.06, 0.0, 0.25);
                        Greeks euCall0 = pricer.greeks(key(OptionType.CALL, strike), ExerciseStyle.EUROPEAN, t, 100, 0.06, 0.0, 0.25);
                        assertEquals(euCall0.price(), amCall0.price(), tol * Math.max(1, euCall0.price()),
                                engine + " no early exercise of a call without dividends K=" + strike + " T=" + t);
                    }
                }
                // strictly above where early exercise has value: an in-the-money put, a deep ITM call with a yield
                Greeks amPut = pricer.greeks(key(OptionType.PUT, 120), ExerciseStyle.AMERICAN, 1.0, 100, 0.06, 0.0, 0.25);
                Greeks euPut = pricer.greeks(key(OptionType.PUT, 120), ExerciseStyle.EUROPEAN, 1.0, 100, 0.06, 0.0, 0.25);
                assertTrue(amPut.price() > euPut.price() + 0.5, engine + ": " + amPut + " vs " + euPut);
                Greeks amCall = pricer.greeks(key(OptionType.CALL, 70), ExerciseStyle.AMERICAN, 1.0, 100, 0.02, 0.08, 0.25);
                Greeks euCall = pricer.greeks(key(OptionType.CALL, 70), ExerciseStyle.EUROPEAN, 1.0, 100, 0.02, 0.08, 0.25);
                assertTrue(amCall.price() > euCall.price() + 0.5, engine + ": " + amCall + " vs " + euCall);
                // no early exercise at r <= 0 (put) or q <= 0 (call): the European value, even where BAW has no
                // solution (negative parity-implied carry, as real SPY data shows)
                Greeks amNeg = pricer.greeks(key(OptionType.PUT, 590), ExerciseStyle.AMERICAN, 0.249, 745.64, -0.014, -0.044, 0.30);
                Greeks euNeg = pricer.greeks(key(OptionType.PUT, 590), ExerciseStyle.EUROPEAN, 0.249, 745.64, -0.014, -0.044, 0.30);
                assertEquals(euNeg, amNeg);
                // American Greeks come back finite (BAW: documented bumps)
                assertTrue(Double.isFinite(amPut.delta()) && Double.isFinite(amPut.gamma())
                        && Double.isFinite(amPut.vega()) && Double.isFinite(amPut.theta()), amPut.toString());
                assertTrue(amPut.delta() < 0 && amPut.vega() > 0, amPut.toString());
            }
        }
    }

    /** High rate and a falling spot: the short puts the strategy sold end deep in the money. */
    static GeneratedMarket fallingHighRateMarket(ExerciseStyle style) {
        return GeneratedMarket.builder().sessions(30).spot0(100).realizedVol(0.6).vol0(0.20).rate(0.15)
                .dividendYield(0.0).seed(SEED).style(style).expiryDaysFromStart(45, 90).strikes(0.8, 1.2, 0.025)
                .build();
    }

    static final long SEED = 5;

    private static StrategyConfig shortVol() {
        return StrategyConfig.builder().hedgeMode(HedgeMode.DELTA).americanPricing(AmericanPricing.AMERICAN_ENGINE)
                .thresholdVolPoints(0.2).holdingPeriodSessions(1000).exitGapVolPoints(-100).minDaysToExpiry(0)
                .minDaysToExpiryEntry(5).maxAbsLogMoneyness(0.1).maxNewTradesPerSession(2).build();
    }

    @Test
    void shortPutsPastTheExerciseBoundaryAreAssignedAndTheAttributionStillAddsUp() {
        GeneratedMarket market = fallingHighRateMarket(ExerciseStyle.AMERICAN);
        try (QuantLibGreeksEngine ql = new QuantLibGreeksEngine(QuantLibEngineConfig.of(AmericanEngine.BAW))) {
            ContractPricer pricer = new ContractPricer(BS, ql, AmericanPricing.AMERICAN_ENGINE);
            List<SessionResult> results = new ArrayList<>();
            // the forecast is 4 vol points under the market: the strategy sells options
            BacktestSummary s = new BacktestEngine(shortVol(), pricer)
                    .run(market.inputs(i -> market.trueForecast(i, -4)), results::add);
            int assigned = 0;
            for (SessionResult r : results) {
                for (Trade t : r.trades()) {
                    if (t.reason() == TradeReason.EARLY_ASSIGNMENT) {
                        assigned++;
                        double spot = market.spots[r.sessionIndex()];
                        assertTrue(t.quantity() > 0, "an assignment closes a short: " + t);
                        assertEquals(t.contract().intrinsic(spot), t.priceUsd(), 1e-12);
                        assertTrue(t.priceUsd() > 0);
                        assertEquals(FillSource.EARLY_EXERCISE, t.fillSource());
                        // past the boundary: the American value at the market IV is its intrinsic value
                        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("early assignment of "
                                + t.contract().id())), r.notes().toString());
                    }
                }
                for (PnlAttribution a : r.attributions()) {
                    assertTrue(a.identityError() <= 1e-8, "identity " + a);
                    assertTrue(a.forecastIdentityError() <= 1e-8, "forecast split " + a);
                }
                assertTrue(r.positions().stream().noneMatch(p -> p.contract() != null && r.trades().stream()
                        .anyMatch(t -> t.reason() == TradeReason.EARLY_ASSIGNMENT && t.contract().equals(p.contract()))),
                        "an assigned contract leaves the book");
            }
            assertTrue(assigned > 0, "the market must push a short put past the exercise boundary: " + s);
            assertEquals(assigned, s.earlyExercises());
            assertTrue(s.maxIdentityError() <= 1e-8);

            // the same market with European options: nothing is assigned early
            GeneratedMarket european = fallingHighRateMarket(ExerciseStyle.EUROPEAN);
            List<SessionResult> eu = new ArrayList<>();
            new BacktestEngine(shortVol(), pricer).run(european.inputs(i -> european.trueForecast(i, -4)), eu::add);
            assertTrue(eu.stream().flatMap(r -> r.trades().stream())
                    .noneMatch(t -> t.reason() == TradeReason.EARLY_ASSIGNMENT || t.reason() == TradeReason.EARLY_EXERCISE));
        }
    }

    @Test
    void thePureJavaBawEngineRunsTheBacktestAsQuantLibsBawDoes() {
        GeneratedMarket market = fallingHighRateMarket(ExerciseStyle.AMERICAN);
        List<SessionResult> ql = new ArrayList<>();
        BacktestSummary viaQuantLib;
        try (QuantLibGreeksEngine engine = new QuantLibGreeksEngine(QuantLibEngineConfig.of(AmericanEngine.BAW))) {
            viaQuantLib = new BacktestEngine(shortVol(), new ContractPricer(BS, engine, AmericanPricing.AMERICAN_ENGINE))
                    .run(market.inputs(i -> market.trueForecast(i, -4)), ql::add);
        }
        List<SessionResult> java = new ArrayList<>();
        BacktestSummary viaJava = new BacktestEngine(shortVol().toBuilder().americanEngine(AmericanEngine.JAVA_BAW).build(),
                new ContractPricer(BS, new io.volsurf.greeks.baw.BaroneAdesiWhaleyGreeks(), AmericanPricing.AMERICAN_ENGINE))
                .run(market.inputs(i -> market.trueForecast(i, -4)), java::add);
        // same prices to rounding, hedge Greeks within QuantLib's bump error: the same trades and assignments
        assertEquals(viaQuantLib.trades(), viaJava.trades());
        assertTrue(viaJava.earlyExercises() > 0);
        assertEquals(viaQuantLib.earlyExercises(), viaJava.earlyExercises());
        assertEquals(viaQuantLib.totalPnl(), viaJava.totalPnl(), 1e-3 * Math.max(1, Math.abs(viaQuantLib.totalPnl())));
        assertTrue(viaJava.maxIdentityError() <= 1e-8);
        for (int i = 0; i < ql.size(); i++) {
            assertEquals(ql.get(i).trades().stream().map(t -> t.reason() + " " + t.contract()).toList(),
                    java.get(i).trades().stream().map(t -> t.reason() + " " + t.contract()).toList(), "session " + i);
        }
    }
}
