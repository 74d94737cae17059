package io.volsurf.strategy.hedging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.market.SessionMarket;
import io.volsurf.strategy.testmarket.Quotes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeltaGammaHedgerTest {
    private static final BlackScholesGreeks BS = new BlackScholesGreeks();

    @Test
    void targetsMakeTheBookGammaAndDeltaNeutral() {
        StrategyConfig config = StrategyConfig.builder().optionLot(0.001).underlyingLot(0).build();
        DeltaGammaHedger hedger = new DeltaGammaHedger(config);
        BookGreeks book = new BookGreeks(420, 35, 9000, -3000);
        Greeks h = new Greeks(3, 0.45, 0.04, 12, -6, 5);
        HedgeTargets t = hedger.targets(book, h);
        double gamma = book.gamma() + t.hedgeOptionContracts() * 100 * h.gamma();
        double delta = book.delta() + t.hedgeOptionContracts() * 100 * h.delta() + t.underlyingUnits();
        assertEquals(0, gamma, 0.001 * 100 * h.gamma());
        assertEquals(0, delta, 1e-9);
        // without a hedge option: a delta hedge
        HedgeTargets d = hedger.targets(book, null);
        assertEquals(0, d.hedgeOptionContracts());
        assertEquals(-420, d.underlyingUnits(), 1e-12);
        assertEquals(-420, new DeltaHedger(config).targets(book).underlyingUnits(), 1e-12);
        // lots round to the nearest
        assertEquals(-420, new DeltaHedger(StrategyConfig.builder().underlyingLot(10).build())
                .targets(new BookGreeks(423, 0, 0, 0)).underlyingUnits(), 1e-12);
    }

    @Test
    void choosesTheNearestToTheMoneyOptionOfAnotherExpiryNearTheTargetTenor() {
        List<OptionQuote> quotes = new ArrayList<>();
        for (int days : new int[] {10, 28, 35, 90}) {
            for (double k : new double[] {95, 99, 101, 105}) {
                for (OptionType type : OptionType.values()) {
                    double p = BS.price(OptionContract.european(type, k, days / 365.0), new PricingInputs(100, 0, 0, 0.2))
                            .price();
                    quotes.add(Quotes.quote(days, k, type, p - 0.01, p + 0.01, Double.NaN, 100));
                }
            }
        }
        SessionMarket market = new SessionMarket(Quotes.session(100, quotes, ExerciseStyle.EUROPEAN),
                new ContractPricer(BS, null, AmericanPricing.BLACK_SCHOLES_APPROXIMATION));
        DeltaGammaHedger hedger = new DeltaGammaHedger(StrategyConfig.builder().hedgeOptionTargetDays(30).build());
        ContractKey chosen = hedger.chooseHedgeOption(market, Set.of(Quotes.DAY.plusDays(10)), null);
        assertEquals(new ContractKey(Quotes.DAY.plusDays(28), 99, OptionType.CALL).expiry(), chosen.expiry());
        assertEquals(101, chosen.strike(), 1e-12, "ln(101/100) < |ln(99/100)|");
        // not the traded expiry
        ContractKey other = hedger.chooseHedgeOption(market, Set.of(Quotes.DAY.plusDays(28)), null);
        assertEquals(Quotes.DAY.plusDays(35), other.expiry());
        // a held hedge that is still valid is kept
        ContractKey held = new ContractKey(Quotes.DAY.plusDays(90), 99, OptionType.PUT);
        assertEquals(held, hedger.chooseHedgeOption(market, Set.of(Quotes.DAY.plusDays(10)), held));
        // a held hedge in the traded expiry is replaced; nothing qualifies when every expiry is traded
        assertEquals(chosen, hedger.chooseHedgeOption(market, Set.of(Quotes.DAY.plusDays(90)), held));
        assertEquals(OptionType.CALL, chosen.type(), "calls first on ties and near-ties");
        assertNull(hedger.chooseHedgeOption(market, Set.of(Quotes.DAY.plusDays(10), Quotes.DAY.plusDays(28),
                Quotes.DAY.plusDays(35), Quotes.DAY.plusDays(90)), null));
    }
}
