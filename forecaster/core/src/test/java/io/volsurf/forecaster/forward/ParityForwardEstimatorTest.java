package io.volsurf.forecaster.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.grid.SyntheticChains;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParityForwardEstimatorTest {

    private final SyntheticChains market = SyntheticChains.equityLike();
    private final ParityForwardEstimator estimator = new ParityForwardEstimator();

    private ExpiryForward estimate(int days, List<OptionQuote> quotes) {
        return estimator.estimate(quotes.get(0).expiry(), market.maturityYears(days), quotes, market.spot);
    }

    @Test
    void recoversForwardAndDiscountFromExactParityAtLongMaturity() {
        int days = 182;
        ExpiryForward f = estimate(days, market.quotes(days, 60, 0));
        assertEquals(ForwardMethod.PARITY, f.method());
        assertEquals(market.forward(days), f.forward(), 1e-8 * market.spot);
        assertEquals(market.discount(days), f.discount(), 1e-9);
        assertEquals(market.rate, f.impliedRate(), 1e-7);
        assertEquals(market.rate - market.dividendYield, f.impliedCarry(market.spot), 1e-7);
    }

    @Test
    void shortMaturityFitsTheForwardWithTheConfiguredDiscount() {
        int days = 14;
        ExpiryForward f = estimate(days, market.quotes(days, 60, 0));
        assertEquals(ForwardMethod.PARITY_FORWARD, f.method());
        // The configured 4% instead of the true 5% moves F_i = K + (C-P)/D by (F-K)(1% T): tiny near the money.
        assertEquals(market.forward(days), f.forward(), 2e-5 * market.spot);
        assertEquals(Math.exp(-0.04 * market.maturityYears(days)), f.discount(), 1e-12);
    }

    @Test
    void stalePricesNearTheMoneyAreRejectedAsOutliers() {
        for (int days : new int[] {14, 182}) {
            List<OptionQuote> quotes = new ArrayList<>(market.quotes(days, 80, 0));
            // Stale last prints a dollar or two off on five of the near-the-money calls (as in us-options).
            List<OptionQuote> calls = quotes.stream().filter(q -> q.type() == OptionType.CALL)
                    .sorted(Comparator.comparingDouble(q -> Math.abs(q.strike() - market.spot))).limit(10).toList();
            double[] shifts = {1.5, -2.0, 1.0, -1.2, 2.5};
            for (int i = 0; i < shifts.length; i++) {
                OptionQuote q = calls.get(2 * i);
                quotes.set(quotes.indexOf(q), SyntheticChains.withLast(q, Math.max(q.last() + shifts[i], 0.05)));
            }
            ExpiryForward f = estimate(days, quotes);
            assertTrue(f.pairsRejected() >= 5, days + "d: rejected " + f.pairsRejected());
            assertEquals(market.forward(days), f.forward(), 3e-5 * market.spot, days + "d forward");
            if (f.method() == ForwardMethod.PARITY) {
                assertEquals(market.discount(days), f.discount(), 1e-6);
            }
        }
    }

    @Test
    void fallsBackToConfiguredRatesWithoutPairs() {
        int days = 30;
        List<OptionQuote> callsOnly = market.quotes(days, 30, 0).stream().filter(q -> q.type() == OptionType.CALL)
                .toList();
        ExpiryForward f = estimate(days, callsOnly);
        assertEquals(ForwardMethod.CONFIGURED, f.method());
        assertEquals(market.spot * Math.exp(0.04 * market.maturityYears(days)), f.forward(), 1e-9);
    }

    @Test
    void coinQuotedOptionsUseTheVenueForwardUndiscounted() {
        OptionQuote q = market.quotes(30, 10, 0.01).get(4);
        OptionQuote coin = new OptionQuote("BTC", q.session(), q.snapshot(), q.expiry(), q.expiryInstant(), q.strike(),
                q.type(), 0.01, 0.012, Double.NaN, 0.011, PriceUnit.UNDERLYING, 0.5, 1, 1, 101.25, Double.NaN,
                Double.NaN);
        ExpiryForward f = estimator.estimate(q.expiry(), 30 / 365.0, List.of(coin), 100);
        assertEquals(ForwardMethod.VENUE, f.method());
        assertEquals(101.25, f.forward());
        assertEquals(1.0, f.discount());
    }

    @Test
    void badInputNamesTheField() {
        List<OptionQuote> quotes = market.quotes(30, 10, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator.estimate(quotes.get(0).expiry(), 0.1, quotes, -1));
        assertTrue(e.getMessage().contains("spot"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> estimator.estimate(quotes.get(0).expiry(), 0, quotes, 100));
        assertTrue(e.getMessage().contains("maturityYears"), e.getMessage());
    }

    @Test
    void logMoneynessRoundTrips() {
        ExpiryForward f = new ExpiryForward(SyntheticChains.SESSION, 0.5, 101.3, 0.98, ForwardMethod.PARITY, 10, 0, 0);
        for (double strike : new double[] {0.01, 50, 101.3, 250, 1e6}) {
            assertEquals(strike, f.strikeAt(f.logMoneyness(strike)), 1e-12 * strike);
        }
        assertEquals(0.0, f.logMoneyness(101.3), 0.0);
    }

    @Test
    void pairsDoNotDependOnQuoteOrderAndTheLastQuoteOfASeriesCounts() {
        int days = 182;
        List<OptionQuote> quotes = market.quotes(days, 60, 0);
        ExpiryForward reference = estimate(days, quotes);
        List<OptionQuote> shuffled = new ArrayList<>(quotes);
        java.util.Collections.shuffle(shuffled, new java.util.Random(5));
        assertEquals(reference, estimate(days, shuffled));
        // An earlier, stale quote of a near-the-money call is overridden by the later one of the same series.
        OptionQuote call = quotes.stream().filter(q -> q.type() == OptionType.CALL)
                .min(Comparator.comparingDouble(q -> Math.abs(q.strike() - market.spot))).orElseThrow();
        List<OptionQuote> withStale = new ArrayList<>(quotes);
        withStale.add(0, SyntheticChains.withLast(call, call.last() + 3.0));
        assertEquals(reference, estimate(days, withStale));
        List<OptionQuote> staleLast = new ArrayList<>(quotes);
        staleLast.add(SyntheticChains.withLast(call, call.last() + 3.0));
        assertTrue(!reference.equals(estimate(days, staleLast)), "the later stale quote replaces the good one");
    }
}
