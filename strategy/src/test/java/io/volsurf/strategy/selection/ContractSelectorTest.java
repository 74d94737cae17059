package io.volsurf.strategy.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.InstrumentKind;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.market.ForecastView;
import io.volsurf.strategy.market.SessionMarket;
import io.volsurf.strategy.testmarket.Quotes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractSelectorTest {
    private static final BlackScholesGreeks BS = new BlackScholesGreeks();
    private static final ContractPricer PRICER = new ContractPricer(BS, null, AmericanPricing.BLACK_SCHOLES_APPROXIMATION);
    private static final double SPOT = 100;
    private static final double VOL = 0.2;
    private static final int DAYS = 30;
    private static final double HALF_SPREAD = 0.05;
    private static final double GAP_YEARS = 1 / 365.0;

    private static Greeks bs(OptionType type, double strike) {
        return BS.price(OptionContract.european(type, strike, DAYS / 365.0), new PricingInputs(SPOT, 0, 0, VOL));
    }

    private static OptionQuote quote(OptionType type, double strike) {
        double p = bs(type, strike).price();
        return Quotes.quote(DAYS, strike, type, p - HALF_SPREAD, p + HALF_SPREAD, Double.NaN, SPOT);
    }

    private static SessionMarket market() {
        List<OptionQuote> quotes = new ArrayList<>();
        for (double k : new double[] {95, 100, 105}) {
            quotes.add(quote(OptionType.CALL, k));
            quotes.add(quote(OptionType.PUT, k));
        }
        return new SessionMarket(Quotes.session(SPOT, quotes, ExerciseStyle.EUROPEAN), PRICER);
    }

    private static ForecastView flat(double vol) {
        return new ForecastView() {
            @Override
            public LocalDate forecastFor() {
                return Quotes.DAY.plusDays(1);
            }

            @Override
            public double impliedVol(double maturityYears, double logMoneyness) {
                return vol;
            }
        };
    }

    @Test
    void tradesOnlyWhereTheGapBeatsHalfSpreadInVolPlusThreshold() {
        StrategyConfig config = StrategyConfig.builder().thresholdVolPoints(1.0).build();
        ContractSelector selector = new ContractSelector(config, PRICER);
        ContractKey call105 = new ContractKey(Quotes.DAY.plusDays(DAYS), 105, OptionType.CALL);
        double need = HALF_SPREAD / bs(OptionType.CALL, 105).vega() + 0.01;

        List<Candidate> just = selector.candidates(market(), flat(VOL + need + 1e-6), Set.of(), GAP_YEARS);
        assertTrue(just.stream().anyMatch(c -> c.legs().get(0).mark().key().equals(call105)), "just above: trade");
        List<Candidate> below = selector.candidates(market(), flat(VOL + need - 1e-6), Set.of(), GAP_YEARS);
        assertTrue(below.stream().noneMatch(c -> c.legs().get(0).mark().key().equals(call105)), "just below: none");

        for (Candidate c : just) {
            assertEquals(1, c.direction(), "forecast above market: long");
            assertEquals(VOL, c.marketIv(), 1e-12);
            OptionType type = c.legs().get(0).mark().key().type();
            double strike = c.legs().get(0).mark().key().strike();
            assertTrue(type == OptionType.CALL ? strike >= SPOT : strike < SPOT, "out of the money only: " + c);
            assertEquals(Math.abs(c.gapVol()) - c.halfSpreadVol() - 0.01, c.excessVol(), 1e-12);
        }
        // best first
        for (int i = 1; i < just.size(); i++) {
            assertTrue(just.get(i - 1).excessVol() >= just.get(i).excessVol());
        }
    }

    @Test
    void forecastBelowMarketSellsAndHeldContractsAreSkipped() {
        ContractSelector selector = new ContractSelector(StrategyConfig.builder().thresholdVolPoints(0.5).build(), PRICER);
        ContractKey call100 = new ContractKey(Quotes.DAY.plusDays(DAYS), 100, OptionType.CALL);
        List<Candidate> all = selector.candidates(market(), flat(0.15), Set.of(), GAP_YEARS);
        assertTrue(all.size() >= 3);
        assertTrue(all.stream().allMatch(c -> c.direction() == -1));
        List<Candidate> some = selector.candidates(market(), flat(0.15), Set.of(call100), GAP_YEARS);
        assertTrue(some.stream().noneMatch(c -> c.legs().get(0).mark().key().equals(call100)));
        assertEquals(all.size() - 1, some.size());
    }

    @Test
    void straddlesPairTheCallAndPutOfAStrike() {
        StrategyConfig config = StrategyConfig.builder().instrument(InstrumentKind.STRADDLE).thresholdVolPoints(0.5)
                .build();
        List<Candidate> c = new ContractSelector(config, PRICER).candidates(market(), flat(0.25), Set.of(), GAP_YEARS);
        assertEquals(3, c.size());
        for (Candidate s : c) {
            assertEquals(2, s.legs().size());
            assertEquals(s.legs().get(0).mark().key().otherType(), s.legs().get(1).mark().key());
            assertEquals(1, s.direction());
            // half-spread in vol: both legs' half-spreads over both legs' vega
            double vega = s.legs().get(0).greeks().vega() + s.legs().get(1).greeks().vega();
            assertEquals(2 * HALF_SPREAD / vega, s.halfSpreadVol(), 1e-9);
        }
    }

    @Test
    void entryFiltersOnDaysToExpiryAndMoneyness() {
        StrategyConfig tooShort = StrategyConfig.builder().minDaysToExpiryEntry(31).maxDaysToExpiryEntry(60).build();
        assertTrue(new ContractSelector(tooShort, PRICER).candidates(market(), flat(0.4), Set.of(), GAP_YEARS).isEmpty());
        StrategyConfig narrow = StrategyConfig.builder().maxAbsLogMoneyness(0.01).build();
        List<Candidate> atm = new ContractSelector(narrow, PRICER).candidates(market(), flat(0.4), Set.of(), GAP_YEARS);
        assertEquals(1, atm.size(), "only the ATM call is within 1% and out of the money");
    }
}
