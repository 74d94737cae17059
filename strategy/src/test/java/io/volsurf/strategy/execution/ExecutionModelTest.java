package io.volsurf.strategy.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.HalfSpreadAssumption;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.market.OptionMark;
import io.volsurf.strategy.market.SessionMarket;
import io.volsurf.strategy.result.FillSource;
import io.volsurf.strategy.testmarket.Quotes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionModelTest {
    private static final ContractPricer PRICER = new ContractPricer(new BlackScholesGreeks(), null,
            AmericanPricing.BLACK_SCHOLES_APPROXIMATION);

    private static OptionMark mark(io.volsurf.forecaster.market.OptionQuote q, double spot) {
        SessionMarket m = new SessionMarket(Quotes.session(spot, List.of(q), ExerciseStyle.EUROPEAN), PRICER);
        return m.mark(new ContractKey(q.expiry(), q.strike(), q.type()));
    }

    @Test
    void fillsAtTheQuotedBidAndAsk() {
        StrategyConfig config = StrategyConfig.builder().commissionPerContractUsd(0.5).build();
        ExecutionModel exec = new ExecutionModel(config);
        OptionMark m = mark(Quotes.quote(30, 100, OptionType.CALL, 2.0, 2.2, Double.NaN, 100), 100);
        Fill buy = exec.option(m, 3, 100);
        assertEquals(2.2, buy.priceUsd(), 1e-15);
        assertEquals(FillSource.QUOTED_BID_ASK, buy.source());
        assertEquals(2.1, buy.referencePriceUsd(), 1e-15);
        assertEquals(3 * 100 * 0.1, buy.spreadCostUsd(), 1e-9);
        assertEquals(1.5, buy.commissionUsd(), 1e-15);
        Fill sell = exec.option(m, -2, 100);
        assertEquals(2.0, sell.priceUsd(), 1e-15);
        assertEquals(FillSource.QUOTED_BID_ASK, sell.source());
    }

    @Test
    void lastPricesOnlyFillAtThePricePlusOrMinusTheAssumedHalfSpread() {
        StrategyConfig config = StrategyConfig.builder().halfSpread(new HalfSpreadAssumption(0.05, 0.02)).build();
        ExecutionModel exec = new ExecutionModel(config);
        OptionMark m = mark(Quotes.quote(30, 100, OptionType.PUT, Double.NaN, Double.NaN, 4.0, 100), 100);
        Fill buy = exec.option(m, 1, 100);
        assertEquals(4.2, buy.priceUsd(), 1e-12);
        assertEquals(FillSource.ASSUMED_HALF_SPREAD, buy.source());
        assertEquals(3.8, exec.option(m, -1, 100).priceUsd(), 1e-12);
        // the floor applies to cheap options, and a sell never fills below zero
        OptionMark cheap = mark(Quotes.quote(30, 60, OptionType.PUT, Double.NaN, Double.NaN, 0.01, 100), 100);
        assertEquals(0.03, exec.option(cheap, 1, 100).priceUsd(), 1e-12);
        assertEquals(0.0, exec.option(cheap, -1, 100).priceUsd(), 1e-15);
    }

    @Test
    void theAssumedHalfSpreadWidensWithMoneynessAndTenorWhereOnlyLastPricesExist() {
        // 2% at the money + 10% per unit |ln K/F| + 1% per year, capped at 30%, floor $0.01
        HalfSpreadAssumption h = new HalfSpreadAssumption(0.02, 0.01, 0.10, 0.01, 0.30);
        ExecutionModel exec = new ExecutionModel(StrategyConfig.builder().halfSpread(h).build());
        OptionMark atm = mark(Quotes.quote(30, 100, OptionType.PUT, Double.NaN, Double.NaN, 4.0, 100), 100);
        OptionMark otm = mark(Quotes.quote(30, 80, OptionType.PUT, Double.NaN, Double.NaN, 0.5, 100), 100);
        double fAtm = 0.02 + 0.10 * Math.abs(atm.logMoneyness()) + 0.01 * atm.maturityYears();
        double fOtm = 0.02 + 0.10 * Math.abs(otm.logMoneyness()) + 0.01 * otm.maturityYears();
        assertEquals(4.0 * (1 + fAtm), exec.option(atm, 1, 100).priceUsd(), 1e-12);
        assertEquals(0.5 * (1 - fOtm), exec.option(otm, -1, 100).priceUsd(), 1e-12);
        assertEquals(FillSource.ASSUMED_HALF_SPREAD, exec.option(otm, -1, 100).source());
        // a quoted bid/ask is used as it is, whatever the assumption says
        OptionMark quoted = mark(Quotes.quote(30, 80, OptionType.PUT, 0.45, 0.55, Double.NaN, 100), 100);
        assertEquals(0.55, exec.option(quoted, 1, 100).priceUsd(), 1e-15);
        assertEquals(FillSource.QUOTED_BID_ASK, exec.option(quoted, 1, 100).source());
    }

    @Test
    void underlyingHedgeOrdersPayPerUnitAndPerTrade() {
        StrategyConfig config = StrategyConfig.builder().commissionPerUnderlyingUnitUsd(0.005)
                .commissionPerUnderlyingTradeUsd(1.25).underlyingHalfSpreadBps(2).build();
        Fill f = new ExecutionModel(config).underlying(100, -40);
        assertEquals(40 * 0.005 + 1.25, f.commissionUsd(), 1e-12);
        assertEquals(100 - 0.02, f.priceUsd(), 1e-12);
        assertEquals(40 * 0.02, f.spreadCostUsd(), 1e-12);
        assertEquals(0.0, new ExecutionModel(StrategyConfig.usEquity()).underlying(100, 3).commissionUsd(), 1e-15);
    }

    @Test
    void aMissingSideFallsBackToTheAssumptionAndCoinPremiumsAreConvertedToUsd() {
        StrategyConfig config = StrategyConfig.deribit();
        ExecutionModel exec = new ExecutionModel(config);
        // no bid (far OTM on Deribit): a sell uses the mark minus the assumed half-spread
        OptionMark noBid = mark(Quotes.coinQuote(30, 150_000, OptionType.CALL, Double.NaN, 0.0010, 0.0008, 100_000),
                100_000);
        Fill sell = exec.option(noBid, -1, 100_000);
        assertEquals(FillSource.ASSUMED_HALF_SPREAD, sell.source());
        assertEquals(80 - config.halfSpread().halfSpreadUsd(80, noBid.logMoneyness(), noBid.maturityYears()), sell.priceUsd(), 1e-9);
        Fill buy = exec.option(noBid, 1, 100_000);
        assertEquals(FillSource.QUOTED_BID_ASK, buy.source());
        assertEquals(100.0, buy.priceUsd(), 1e-9);
        // Deribit fee: 0.03% of the underlying, capped at 12.5% of the premium
        assertEquals(Math.min(0.0003 * 100_000, 0.125 * 100.0), buy.commissionUsd(), 1e-9);
    }

    @Test
    void settlementAndEarlyExerciseAreAtIntrinsicWithoutCosts() {
        ExecutionModel exec = new ExecutionModel(StrategyConfig.usEquity());
        ContractKey call = new ContractKey(Quotes.DAY, 95, OptionType.CALL);
        ContractKey put = new ContractKey(Quotes.DAY, 95, OptionType.PUT);
        Fill s = exec.settlement(call, 101.5, -4);
        assertEquals(6.5, s.priceUsd(), 1e-12);
        assertEquals(0.0, s.commissionUsd());
        assertEquals(FillSource.SETTLEMENT, s.source());
        assertEquals(0.0, exec.settlement(put, 101.5, 2).priceUsd());
        Fill x = exec.earlyExercise(put, 80, -1);
        assertEquals(15.0, x.priceUsd(), 1e-12);
        assertEquals(FillSource.EARLY_EXERCISE, x.source());
    }

    @Test
    void underlyingPaysItsHalfSpreadAndZeroQuantitiesAreRejected() {
        ExecutionModel exec = new ExecutionModel(StrategyConfig.builder().underlyingHalfSpreadBps(2).build());
        Fill buy = exec.underlying(100, 50);
        assertEquals(100.02, buy.priceUsd(), 1e-12);
        assertEquals(50 * 0.02, buy.spreadCostUsd(), 1e-12);
        assertEquals(99.98, exec.underlying(100, -50).priceUsd(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> exec.underlying(100, 0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("quantity"));
    }
}
