package io.volsurf.strategy.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.InstrumentKind;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.result.AttributionScope;
import io.volsurf.strategy.result.FillSource;
import io.volsurf.strategy.result.PnlAttribution;
import io.volsurf.strategy.result.PositionRole;
import io.volsurf.strategy.result.SessionResult;
import io.volsurf.strategy.result.Trade;
import io.volsurf.strategy.result.TradeReason;
import io.volsurf.strategy.testmarket.GeneratedMarket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestEngineTest {

    private static final ContractPricer PRICER = new ContractPricer(new BlackScholesGreeks(), null,
            AmericanPricing.BLACK_SCHOLES_APPROXIMATION);

    private static List<SessionResult> collect(BacktestEngine engine, List<SessionInput> inputs,
            BacktestSummary[] summaryOut) {
        List<SessionResult> out = new ArrayList<>();
        BacktestSummary s = engine.run(inputs, out::add);
        if (summaryOut != null) {
            summaryOut[0] = s;
        }
        return out;
    }

    private static GeneratedMarket skewedMarket(long seed) {
        return GeneratedMarket.builder().sessions(40).skew(-0.15).term(0.05).volOfVolPoints(0.7).seed(seed).build();
    }

    @Test
    void attributionIdentityHoldsOnEveryRowOfBothStrategies() {
        GeneratedMarket market = skewedMarket(11);
        for (HedgeMode mode : new HedgeMode[] {HedgeMode.DELTA, HedgeMode.DELTA_GAMMA}) {
            for (InstrumentKind kind : InstrumentKind.values()) {
                StrategyConfig config = StrategyConfig.builder().hedgeMode(mode).instrument(kind)
                        .thresholdVolPoints(0.5).holdingPeriodSessions(4).build();
                BacktestSummary[] summary = new BacktestSummary[1];
                List<SessionResult> results = collect(new BacktestEngine(config, PRICER),
                        market.inputs(i -> market.noisyForecast(i, 0, 2.0, 5)), summary);
                int rows = 0;
                for (SessionResult r : results) {
                    for (PnlAttribution a : r.attributions()) {
                        rows++;
                        assertTrue(a.identityError() <= 1e-8, mode + " " + kind + " identity " + a);
                        assertTrue(a.forecastIdentityError() <= 1e-8, mode + " " + kind + " forecast split " + a);
                    }
                    // portfolio value change = carried PnL + the session's trades against marks
                    var d = r.dailyPnl();
                    assertEquals(d.totalPnl(), d.markToMarketPnl() + d.tradingPnl(), 1e-9 * (1 + Math.abs(d.totalPnl())));
                    PnlAttribution p = r.portfolioAttribution();
                    if (p != null) {
                        assertEquals(p.total(), d.markToMarketPnl(), 1e-9 * (1 + Math.abs(p.total())));
                    }
                }
                assertTrue(rows > 60, mode + " " + kind + ": only " + rows + " attribution rows");
                assertTrue(summary[0].trades() > 10, mode + " " + kind + ": too few trades " + summary[0].trades());
                assertTrue(summary[0].maxIdentityError() <= 1e-8);
                assertNull(summary[0].fillDisclosure(), "bid/ask quotes everywhere: no modelled fills");
            }
        }
    }

    @Test
    void forecastEqualToTheTrueNextSurfaceLeavesNoForecastError() {
        GeneratedMarket market = skewedMarket(3);
        StrategyConfig config = StrategyConfig.builder().hedgeMode(HedgeMode.DELTA).thresholdVolPoints(0.0)
                .holdingPeriodSessions(10).exitGapVolPoints(-100).build();
        List<SessionResult> results = collect(new BacktestEngine(config, PRICER),
                market.inputs(i -> market.trueForecast(i, 0)), null);
        double largestVegaPnl = 0;
        for (SessionResult r : results) {
            for (PnlAttribution a : r.attributions()) {
                largestVegaPnl = Math.max(largestVegaPnl, Math.abs(a.vega()));
                double scale = Math.max(1.0, Math.abs(a.vega()));
                assertEquals(0.0, a.forecastError(), 1e-9 * scale, "forecast error on " + a);
                assertEquals(a.vega(), a.forecastPredicted(), 1e-9 * scale);
            }
        }
        assertTrue(largestVegaPnl > 1.0, "the test needs vol moves the book is exposed to: " + largestVegaPnl);

        // the same book with a forecast that is off has a forecast-error term
        List<SessionResult> biased = collect(new BacktestEngine(config, PRICER),
                market.inputs(i -> market.noisyForecast(i, 0, 1.0, 9)), null);
        double errorPnl = 0;
        for (SessionResult r : biased) {
            PnlAttribution p = r.portfolioAttribution();
            errorPnl += p == null ? 0 : Math.abs(p.forecastError());
        }
        assertTrue(errorPnl > 1.0, "a wrong forecast must leave a forecast error: " + errorPnl);
    }

    /** Long vol at constant implied vol: every trade holds, spot noise is all the PnL variance. */
    private static BacktestSummary longVolRun(GeneratedMarket market, HedgeMode mode, int minEntryDays, int maxEntryDays) {
        StrategyConfig config = StrategyConfig.builder().hedgeMode(mode).thresholdVolPoints(0.5)
                .holdingPeriodSessions(1000).exitGapVolPoints(-100).minDaysToExpiry(1).minDaysToExpiryEntry(minEntryDays)
                .maxDaysToExpiryEntry(maxEntryDays).maxNewTradesPerSession(1).vegaBudgetTotalUsd(3_000)
                .maxAbsLogMoneyness(0.05).hedgeOptionTargetDays(60).build();
        return new BacktestEngine(config, PRICER).run(market.inputs(i -> market.trueForecast(i, 3.0)),
                BacktestListener.ignoring());
    }

    @Test
    void deltaHedgingRemovesMostOfTheSpotRisk() {
        GeneratedMarket market = GeneratedMarket.builder().sessions(60).realizedVol(0.25).vol0(0.25).seed(21)
                .expiryDaysFromStart(120, 150, 200).build();
        BacktestSummary delta = longVolRun(market, HedgeMode.DELTA, 60, 250);
        BacktestSummary none = longVolRun(market, HedgeMode.NONE, 60, 250);
        assertTrue(delta.trades() > 0 && none.trades() > 0);
        // same trading book in both runs
        assertEquals(none.unhedgedPnlStd(), delta.unhedgedPnlStd(), 1e-9 * none.unhedgedPnlStd());
        assertEquals(none.hedgedPnlStd(), none.unhedgedPnlStd(), 1e-9 * none.unhedgedPnlStd());
        double ratio = delta.hedgedPnlStd() / delta.unhedgedPnlStd();
        assertTrue(ratio < 0.25, "delta-hedged std / unhedged std = " + ratio);
    }

    @Test
    void deltaGammaBeatsDeltaWhereGammaRiskDominates() {
        // short-dated at-the-money options, big daily moves, constant implied vol
        GeneratedMarket market = GeneratedMarket.builder().sessions(30).realizedVol(0.6).vol0(0.5).seed(8)
                .expiryDaysFromStart(12, 24, 36, 60, 90).strikes(0.5, 1.6, 0.02).build();
        BacktestSummary delta = longVolRun(market, HedgeMode.DELTA, 8, 40);
        BacktestSummary deltaGamma = longVolRun(market, HedgeMode.DELTA_GAMMA, 8, 40);
        assertTrue(deltaGamma.trades() > delta.trades(), "the delta-gamma run trades a hedge option");
        assertTrue(deltaGamma.hedgedPnlStd() < 0.6 * delta.hedgedPnlStd(),
                "delta-gamma std " + deltaGamma.hedgedPnlStd() + " vs delta " + delta.hedgedPnlStd());
        assertTrue(deltaGamma.hedgeErrorStd() < delta.hedgeErrorStd());
    }

    @Test
    void optionsHeldToExpirySettleAtIntrinsic() {
        GeneratedMarket market = GeneratedMarket.builder().sessions(25).realizedVol(0.4).seed(4)
                .expiryDaysFromStart(15, 60).build();
        StrategyConfig config = StrategyConfig.builder().hedgeMode(HedgeMode.DELTA).thresholdVolPoints(0.5)
                .holdingPeriodSessions(1000).exitGapVolPoints(-100).minDaysToExpiry(0).minDaysToExpiryEntry(5)
                .maxDaysToExpiryEntry(20).maxAbsLogMoneyness(0.2).maxNewTradesPerSession(2).build();
        List<SessionResult> results = collect(new BacktestEngine(config, PRICER),
                market.inputs(i -> market.trueForecast(i, 3.0)), null);
        int settled = 0;
        for (SessionResult r : results) {
            for (Trade t : r.trades()) {
                if (t.reason() == TradeReason.SETTLEMENT) {
                    settled++;
                    int i = r.sessionIndex();
                    assertEquals(market.date(15), t.date());
                    assertEquals(t.contract().intrinsic(market.spots[i]), t.priceUsd(), 1e-12);
                    assertEquals(FillSource.SETTLEMENT, t.fillSource());
                    assertEquals(0.0, t.commissionUsd());
                }
            }
            if (!r.date().isBefore(market.date(15))) {
                assertTrue(r.positions().stream().noneMatch(p -> p.contract() != null
                        && !p.contract().expiry().isAfter(market.date(15))), "expired position still held");
            }
        }
        assertTrue(settled > 0, "expected settlements");
    }

    @Test
    void sameInputsGiveTheSameResultsAndResumeDeliversTheTail() {
        GeneratedMarket market = skewedMarket(17);
        StrategyConfig config = StrategyConfig.builder().hedgeMode(HedgeMode.DELTA_GAMMA).thresholdVolPoints(0.5)
                .build();
        List<SessionInput> inputs = market.inputs(i -> market.noisyForecast(i, 0, 2.0, 1));
        BacktestSummary[] s1 = new BacktestSummary[1];
        BacktestSummary[] s2 = new BacktestSummary[1];
        List<SessionResult> first = collect(new BacktestEngine(config, PRICER), inputs, s1);
        List<SessionResult> second = collect(new BacktestEngine(config, PRICER),
                market.inputs(i -> market.noisyForecast(i, 0, 2.0, 1)), s2);
        assertEquals(first, second);
        assertEquals(s1[0], s2[0]);

        List<SessionResult> tail = new ArrayList<>();
        BacktestSummary resumed = new BacktestEngine(config, PRICER).run(inputs, tail::add, market.date(19));
        assertEquals(first.subList(20, first.size()), tail);
        assertEquals(s1[0], resumed);

        List<SessionResult> other = collect(new BacktestEngine(config, PRICER),
                market.inputs(i -> market.noisyForecast(i, 0, 2.0, 2)), null);
        assertNotEquals(first, other, "a different forecast must change the run");
    }

    @Test
    void lastPriceDataIsFilledAtTheAssumedHalfSpreadAndSaysSo() {
        GeneratedMarket market = GeneratedMarket.builder().sessions(15).bidAsk(false).volOfVolPoints(0.5).seed(2)
                .build();
        StrategyConfig config = StrategyConfig.builder().thresholdVolPoints(0.5).build();
        List<SessionResult> results = new ArrayList<>();
        BacktestSummary s = new BacktestEngine(config, PRICER).run(market.inputs(i -> market.noisyForecast(i, 0, 3, 3)),
                results::add);
        assertTrue(s.fillsAssumed() > 0);
        assertEquals(0, s.fillsQuoted());
        assertNotNull(s.fillDisclosure());
        assertTrue(s.fillDisclosure().startsWith("US data: last prices only"), s.fillDisclosure());
        for (SessionResult r : results) {
            for (Trade t : r.trades()) {
                if (t.role() == PositionRole.TRADING && t.reason() == TradeReason.ENTRY) {
                    double half = config.halfSpread().halfSpreadUsd(t.referencePriceUsd(), 0.0, 0.0); // flat default
                    assertEquals(t.referencePriceUsd() + Math.signum(t.quantity()) * half, t.priceUsd(), 1e-12);
                }
            }
        }
    }

    @Test
    void sessionsOutOfOrderOrMixedTickersAreRejected() {
        GeneratedMarket market = skewedMarket(1);
        List<SessionInput> inputs = new ArrayList<>(market.inputs(i -> null));
        java.util.Collections.swap(inputs, 3, 4);
        BacktestEngine engine = new BacktestEngine(StrategyConfig.usEquity(), PRICER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.run(inputs, BacktestListener.ignoring()));
        assertTrue(e.getMessage().contains("must come after"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine.run(List.of(), BacktestListener.ignoring()));
    }

    @Test
    void summaryStatisticsFollowTheirDefinitions() {
        GeneratedMarket market = skewedMarket(5);
        StrategyConfig config = StrategyConfig.builder().thresholdVolPoints(0.5).build();
        List<SessionResult> results = new ArrayList<>();
        BacktestSummary s = new BacktestEngine(config, PRICER).run(market.inputs(i -> market.noisyForecast(i, 0, 2, 4)),
                results::add);
        double sum = 0, peak = 0, dd = 0;
        List<Double> daily = new ArrayList<>();
        for (SessionResult r : results) {
            sum += r.dailyPnl().totalPnl();
            daily.add(r.dailyPnl().totalPnl());
            peak = Math.max(peak, sum);
            dd = Math.max(dd, peak - sum);
            assertEquals(sum, r.dailyPnl().cumulativePnl(), 1e-6);
        }
        assertEquals(sum, s.totalPnl(), 1e-6);
        assertEquals(dd, s.maxDrawdown(), 1e-6);
        double mean = sum / daily.size();
        double sd = BacktestEngine.std(daily);
        assertEquals(mean / sd * Math.sqrt(252), s.sharpe(), 1e-9);
        assertEquals(40, s.sessions());
        assertTrue(s.evaluation().contractsCompared() > 0);
        assertTrue(s.evaluation().pricedOptions() > 0);
        // the forecast is the truth plus 2 vol points of noise a session: RMSE near 2
        assertTrue(s.evaluation().rmseVolPoints() > 0.5 && s.evaluation().rmseVolPoints() < 5,
                "rmse " + s.evaluation().rmseVolPoints());
        assertEquals(s.vegaPnl(), s.evaluation().forecastPredictedPnl() + s.evaluation().forecastErrorPnl(), 1e-6);
        assertTrue(results.stream().allMatch(r -> r.attributions().stream()
                .filter(a -> a.scope() == AttributionScope.PORTFOLIO).count() == (r.sessionIndex() == 0 ? 0 : 1)));
    }

    @Test
    void hedgeGreeksFromTheForecastChangeOnlyTheHedges() {
        GeneratedMarket market = skewedMarket(23);
        StrategyConfig byMarket = StrategyConfig.builder().hedgeMode(HedgeMode.DELTA).thresholdVolPoints(0.5).build();
        StrategyConfig byForecast = byMarket.toBuilder()
                .hedgeVolSource(io.volsurf.strategy.config.HedgeVolSource.FORECAST).build();
        List<SessionInput> inputs = market.inputs(i -> market.noisyForecast(i, 0, 3.0, 6));
        BacktestSummary m = new BacktestEngine(byMarket, PRICER).run(inputs, BacktestListener.ignoring());
        BacktestSummary f = new BacktestEngine(byForecast, PRICER).run(inputs, BacktestListener.ignoring());
        assertEquals(m.unhedgedPnlStd(), f.unhedgedPnlStd(), 1e-9 * m.unhedgedPnlStd(), "same trading legs");
        assertNotEquals(m.hedgeTurnoverUsd(), f.hedgeTurnoverUsd(), "hedge ratios from another vol");
        // hedging at the market IV (the IV the marks move with) leaves less spot PnL than at a wrong forecast IV
        assertTrue(m.hedgeErrorStd() <= f.hedgeErrorStd() * 1.05, m.hedgeErrorStd() + " vs " + f.hedgeErrorStd());
    }
}
