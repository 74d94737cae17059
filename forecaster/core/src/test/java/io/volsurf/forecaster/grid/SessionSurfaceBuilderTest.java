package io.volsurf.forecaster.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.smile.QuoteDropReason;
import io.volsurf.forecaster.svi.SviParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSurfaceBuilderTest {

    private static final int[] DAYS = {7, 14, 30, 60, 91, 182, 365};
    private final SyntheticChains market = SyntheticChains.equityLike();

    @Test
    void totalVarianceAndLogMoneynessRoundTrip() {
        SviParams svi = market.svi(30);
        double t = market.maturityYears(30);
        for (double k = -0.3; k <= 0.3; k += 0.05) {
            double w = svi.totalVariance(k);
            double vol = svi.impliedVol(k, t);
            assertEquals(w, vol * vol * t, 1e-15);
            double strike = market.forward(30) * Math.exp(k);
            assertEquals(k, Math.log(strike / market.forward(30)), 1e-14);
        }
    }

    @Test
    void recoversTheKnownSviSlicesFromATwoSidedChain() {
        SessionSurface s = new SessionSurfaceBuilder().build(market.chain(DAYS, 41, 0.005));
        assertEquals(DAYS.length, s.surface().slices().size());
        for (int i = 0; i < DAYS.length; i++) {
            SmileSlice slice = s.surface().slices().get(i);
            SviParams truth = market.svi(DAYS[i]);
            assertEquals(market.forward(DAYS[i]), slice.forward(), 1e-5 * market.spot, "forward " + DAYS[i]);
            assertTrue(slice.rmseVolPoints() < 0.05, DAYS[i] + "d rmse " + slice.rmseVolPoints());
            double span = 3 * market.atmVol * Math.sqrt(market.maturityYears(DAYS[i]));
            for (double z = -1; z <= 1; z += 0.25) {
                double k = z * span;
                assertEquals(truth.impliedVol(k, slice.maturityYears()),
                        slice.svi().impliedVol(k, slice.maturityYears()), 5e-4, DAYS[i] + "d at k=" + k);
            }
            assertTrue(s.expiries().get(i).fit().butterflyFree());
        }
        assertTrue(s.arbitrage().butterflyFree());
        assertTrue(s.arbitrage().calendarViolations().isEmpty(), s.arbitrage().calendarViolations().toString());
        // Quotes are the true vols: the vendor column agrees with our inversion (up to the forward error of short
        // expiries, where the configured rate stands in for the discount).
        for (ExpiryDiagnostics e : s.expiries()) {
            assertTrue(e.vendorGapVolPoints() < 0.01, "vendor gap " + e.vendorGapVolPoints());
            assertEquals(0.5, 100 * e.medianHalfSpreadVol(), 0.05);
        }
    }

    @Test
    void gridValuesEqualTheSviSlicesAtListedMaturitiesAndInterpolateLinearlyInVariance() {
        SessionSurface s = new SessionSurfaceBuilder().build(market.chain(DAYS, 41, 0.005));
        GridSpec spec = new GridSpec(new int[] {7, 20, 30, 182}, new double[] {-0.03, -0.01, 0, 0.01, 0.03},
                MoneynessScaling.LOG_MONEYNESS);
        CanonicalSurface g = new SessionSurfaceBuilder(spec).build(market.chain(DAYS, 41, 0.005)).surface();
        List<SmileSlice> slices = s.surface().slices();
        for (int j = 0; j < spec.knotCount(); j++) {
            double k = spec.knots()[j];
            assertEquals(slices.get(0).svi().totalVariance(k), g.totalVariance()[j], 1e-15);
            assertEquals(slices.get(2).svi().totalVariance(k), g.totalVariance()[2 * 5 + j], 1e-15);
            assertEquals(slices.get(5).svi().totalVariance(k), g.totalVariance()[3 * 5 + j], 1e-15);
            // 20 days lies between the 14- and 30-day expiries, 6/16 of the way.
            double expected = 0.625 * slices.get(1).svi().totalVariance(k) + 0.375 * slices.get(2).svi().totalVariance(k);
            assertEquals(expected, g.totalVariance()[5 + j], 1e-15);
            assertEquals(Math.sqrt(g.totalVariance()[5 + j] * 365 / 20), g.impliedVol()[5 + j], 1e-15);
        }
        assertEquals(spec.cellCount(), g.observedCells());
    }

    @Test
    void masksEveryCellBeyondTheQuotedStrikesAndExpiriesWithoutExtrapolating() {
        // Tenors below the first and above the last expiry, knots beyond the quoted +-4 sd.
        GridSpec spec = new GridSpec(new int[] {3, 30, 400}, new double[] {-6, -1, 0, 1, 6},
                MoneynessScaling.ATM_STD);
        CanonicalSurface g = new SessionSurfaceBuilder(spec).build(market.chain(new int[] {7, 30, 365}, 41, 0.005))
                .surface();
        for (int c = 0; c < spec.cellCount(); c++) {
            int tenor = c / 5;
            int knot = c % 5;
            boolean expected = tenor == 1 && knot >= 1 && knot <= 3;
            assertEquals(expected, g.mask()[c], "cell " + c);
            assertEquals(expected, Double.isFinite(g.totalVariance()[c]), "value of cell " + c);
            assertEquals(expected, Double.isFinite(g.impliedVol()[c]), "vol of cell " + c);
            assertTrue(Double.isFinite(g.logMoneyness()[c]), "every cell keeps a coordinate");
        }
        // ATM_STD: the +-1 knots sit one ATM standard deviation out.
        double atm = g.impliedVol()[7];
        assertEquals(atm * Math.sqrt(30 / 365.0), g.logMoneyness()[8], 1e-14);
        assertEquals(0.005, g.halfSpreadVol()[7], 3e-4);
    }

    @Test
    void lastPriceOnlyChainHasNoHalfSpreads() {
        CanonicalSurface g = new SessionSurfaceBuilder().build(market.chain(DAYS, 41, 0)).surface();
        assertTrue(g.observedCells() > 0);
        for (int c = 0; c < g.mask().length; c++) {
            assertFalse(Double.isFinite(g.halfSpreadVol()[c]));
        }
    }

    @Test
    void defaultGridIsFullySupportedByAListedTermStructure() {
        CanonicalSurface g = new SessionSurfaceBuilder().build(market.chain(new int[] {5, 14, 30, 60, 91, 182, 300},
                41, 0.005)).surface();
        assertEquals(GridSpec.defaultSpec(), g.spec());
        // The 7-day row's +2 sd call wing may lie beyond the 5-day expiry's last call above the tick floor.
        for (int c = 0; c < g.spec().cellCount(); c++) {
            boolean inner = Math.abs(g.spec().knots()[c % 7]) <= 1.25 || c >= 7;
            assertTrue(!inner || g.mask()[c], "cell " + c + " " + java.util.Arrays.toString(g.mask()));
        }
    }

    @Test
    void dirtyQuotesAreDroppedAndCountedAndTheFitSurvives() {
        SessionChain chain = market.chain(new int[] {30, 91}, 41, 0, quotes -> {
            List<OptionQuote> out = new ArrayList<>(quotes);
            for (int i = 0; i < out.size(); i++) {
                OptionQuote q = out.get(i);
                boolean otm = q.isOutOfTheMoney(market.forward(30));
                if (q.expiry().equals(SyntheticChains.SESSION.plusDays(30)) && otm && i % 9 == 0) {
                    out.set(i, SyntheticChains.withLast(q, q.last() * 3 + 0.2)); // isolated spikes
                }
            }
            return out;
        });
        SessionSurface s = new SessionSurfaceBuilder().build(chain);
        ExpiryDiagnostics e30 = s.expiries().get(0);
        int spikes = e30.dropped().getOrDefault(QuoteDropReason.SPIKE, 0)
                + e30.dropped().getOrDefault(QuoteDropReason.FIT_OUTLIER, 0);
        assertTrue(spikes >= 3, e30.dropped().toString());
        assertNotNull(e30.fit());
        assertTrue(e30.fit().rmseVolPoints() < 0.1, "rmse after dropping spikes " + e30.fit().rmseVolPoints());
        assertTrue(s.dropped().values().stream().mapToInt(Integer::intValue).sum() >= spikes);
    }

    @Test
    void tooFewQuotesLeaveTheExpiryUnfittedAndCounted() {
        SessionSurface s = new SessionSurfaceBuilder().build(market.chain(new int[] {30}, 4, 0.005));
        assertTrue(s.surface().slices().isEmpty());
        assertFalse(s.expiries().get(0).fitted());
        assertEquals(0, s.surface().observedCells());
        assertEquals(null, s.arbitrage());
    }

    @Test
    void emptyChainIsAClearError() {
        SessionChain empty = new SessionChain("SYN", SyntheticChains.SESSION, SyntheticChains.SNAPSHOT, Double.NaN,
                null, List.of(), List.of(), "empty.csv", SyntheticChains.SESSION, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SessionSurfaceBuilder().build(empty));
        assertTrue(e.getMessage().contains("no accepted quotes"), e.getMessage());
    }

    @Test
    void warmStartFromThePreviousSessionGivesTheSameSlices() {
        SessionChain chain = market.chain(DAYS, 41, 0.005);
        SessionSurface cold = new SessionSurfaceBuilder().build(chain);
        SessionSurface warm = new SessionSurfaceBuilder().build(chain, cold.warmStarts());
        for (int i = 0; i < DAYS.length; i++) {
            SmileSlice a = cold.surface().slices().get(i);
            SmileSlice b = warm.surface().slices().get(i);
            assertEquals(a.svi().totalVariance(0), b.svi().totalVariance(0), 1e-7);
        }
    }
}
