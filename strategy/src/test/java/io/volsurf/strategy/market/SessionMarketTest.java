package io.volsurf.strategy.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.forward.ForwardMethod;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.FlatVolatility;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.testmarket.GeneratedMarket;
import io.volsurf.strategy.testmarket.Quotes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionMarketTest {
    private static final ContractPricer PRICER = new ContractPricer(new BlackScholesGreeks(), null,
            AmericanPricing.BLACK_SCHOLES_APPROXIMATION);

    @Test
    void impliedVolsOfGeneratedQuotesAreTheGeneratingVols() {
        GeneratedMarket g = GeneratedMarket.builder().skew(-0.2).term(0.1).build();
        SessionMarket m = new SessionMarket(g.session(3), PRICER);
        assertTrue(m.listed().size() > 100);
        for (OptionMark mark : m.allMarks()) {
            assertEquals(IvSource.QUOTE, mark.ivSource());
            // deep in the money the price is nearly all intrinsic and vega tiny: the inversion is as good as the price
            boolean otm = mark.key().type() == OptionType.CALL ? mark.key().strike() >= mark.forward()
                    : mark.key().strike() < mark.forward();
            if (otm) {
                assertEquals(g.vol(3, mark.maturityYears(), mark.key().strike()), mark.impliedVol(), 1e-10,
                        mark.key().id());
            } else {
                double repriced = PRICER.greeks(mark, ExerciseStyle.EUROPEAN, g.spots[3], mark.impliedVol()).price();
                assertEquals(mark.priceUsd(), repriced, 1e-9, mark.key().id());
            }
        }
    }

    @Test
    void dirtyQuotesFallBackOrAreSkipped() {
        var expiry = Quotes.DAY.plusDays(30);
        List<OptionQuote> quotes = List.of(
                // below intrinsic (stale last): no inversion, no vendor IV -> the session surface
                Quotes.quote(30, 80, OptionType.CALL, Double.NaN, Double.NaN, 15.0, 100),
                // duplicate listing: the first with a positive price wins
                Quotes.quote(30, 100, OptionType.CALL, Double.NaN, Double.NaN, 0.0, 100),
                Quotes.quote(30, 100, OptionType.CALL, Double.NaN, Double.NaN, 2.5, 100),
                Quotes.quote(30, 100, OptionType.CALL, Double.NaN, Double.NaN, 2.7, 100));
        MarketSession s = new MarketSession("TST", Quotes.DAY, Quotes.AS_OF, 100, quotes, Map.of(),
                new FlatVolatility(0.3), 0, 0, ExerciseStyle.AMERICAN);
        SessionMarket m = new SessionMarket(s, PRICER);
        assertEquals(2, m.listed().size());
        OptionMark itm = m.mark(new ContractKey(expiry, 80, OptionType.CALL));
        assertEquals(IvSource.SURFACE, itm.ivSource());
        assertEquals(0.3, itm.impliedVol());
        assertEquals(2.5, m.mark(new ContractKey(expiry, 100, OptionType.CALL)).priceUsd());
        assertNull(m.mark(new ContractKey(expiry, 90, OptionType.CALL)));
        // a held contract the session does not quote is marked at the model price
        OptionMark unquoted = m.markUnquoted(new ContractKey(expiry, 90, OptionType.PUT), GeneratedMarket.close(expiry),
                0.25);
        assertEquals(IvSource.SURFACE, unquoted.ivSource());
        assertTrue(unquoted.priceUsd() > 0);
        assertNull(m.markUnquoted(new ContractKey(Quotes.DAY, 90, OptionType.PUT), Quotes.AS_OF, 0.25), "expired");
    }

    @Test
    void perExpiryForwardsSetTheCarry() {
        var expiry = Quotes.DAY.plusDays(73);
        double t = 73 / 365.0;
        ExpiryForward f = new ExpiryForward(expiry, t, 101, Math.exp(-0.04 * t), ForwardMethod.values()[0], 0, 0,
                Double.NaN);
        MarketSession s = new MarketSession("TST", Quotes.DAY, Quotes.AS_OF, 100,
                List.of(Quotes.quote(73, 100, OptionType.CALL, Double.NaN, Double.NaN, 4.0, 100)), Map.of(expiry, f),
                null, 0, 0, ExerciseStyle.EUROPEAN);
        OptionMark mark = new SessionMarket(s, PRICER).mark(new ContractKey(expiry, 100, OptionType.CALL));
        assertEquals(101, mark.forward(), 1e-12);
        assertEquals(0.04, mark.rate(), 1e-12);
        assertEquals(0.04 - Math.log(1.01) / t, mark.dividendYield(), 1e-12);
    }
}
