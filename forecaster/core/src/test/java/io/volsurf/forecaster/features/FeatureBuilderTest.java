package io.volsurf.forecaster.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.grid.SessionSurface;
import io.volsurf.forecaster.grid.SessionSurfaceBuilder;
import io.volsurf.forecaster.grid.SyntheticChains;
import io.volsurf.forecaster.ingest.SessionChain;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeatureBuilderTest {

    private static final int[] DAYS = {7, 21, 45, 91, 182};

    @Test
    void modelFreeVixRecoversAFlatVolatility() {
        // rho = 0 and a tiny eta make the SSVI smile flat to within 0.01 vol points over the strikes.
        SyntheticChains flat = new SyntheticChains(750, 0.04, 0.01, 0.20, 0.0, 1e-3);
        SessionChain chain = flat.chain(DAYS, 401, 0);
        SessionFeatures f = new FeatureBuilder(new NyseCalendar()).next(chain, new SessionSurfaceBuilder().build(chain));
        assertEquals(0.20, f.modelFreeVix(), 0.002, "VIX of a flat 20% market");
        assertEquals(0.20, f.atmVol30d(), 1e-3);
        assertEquals(0.0, f.skew30d(), 0.01);
        assertEquals(0.0, f.termSlope(), 1e-3);
        assertEquals(0.03, f.rateMinusDiv(), 1e-4);
    }

    @Test
    void modelFreeVixOfASkewedParityConsistentChainExceedsAtmVol() {
        SyntheticChains market = SyntheticChains.equityLike();
        SessionChain chain = market.chain(DAYS, 401, 0.005);
        SessionFeatures f = new FeatureBuilder(new NyseCalendar()).next(chain, new SessionSurfaceBuilder().build(chain));
        // A put skew makes the variance swap (the VIX) dearer than ATM vol; bounded by the 1.5-sd put vol.
        assertTrue(f.modelFreeVix() > f.atmVol30d() + 0.002, f.toString());
        double putWingVol = market.vol(30, market.forward(30) * Math.exp(-1.5 * 0.15 * Math.sqrt(30 / 365.0)));
        assertTrue(f.modelFreeVix() < putWingVol, f.toString());
        assertTrue(f.skew30d() < 0, "equity skew " + f.skew30d());
        assertEquals(0.01, f.medianSpreadVol(), 1e-3);
        assertEquals(0.15, f.atmVol30d(), 2e-3);
    }

    @Test
    void returnsAndRealisedVolFollowTheSessionsFed() {
        SyntheticChains market = SyntheticChains.equityLike();
        SessionChain base = market.chain(new int[] {30, 91}, 41, 0);
        SessionSurface surface = new SessionSurfaceBuilder().build(base);
        FeatureBuilder builder = new FeatureBuilder(new NyseCalendar());
        double[] spots = {750, 757.5, 750, 742.5, 750, 757.5};
        SessionFeatures last = null;
        for (int i = 0; i < spots.length; i++) {
            SessionChain c = new SessionChain("SYN", base.session().plusDays(i), base.snapshot().plus(Duration.ofDays(i)),
                    spots[i], base.spotSource(), base.quotes(), base.rejects(), "x", base.session().plusDays(i),
                    base.format());
            last = builder.next(c, surface);
            if (i == 0) {
                assertTrue(Double.isNaN(last.logReturn()));
            }
            if (i < 5) {
                assertTrue(Double.isNaN(last.realizedVol5()), "needs 5 returns");
            }
        }
        assertEquals(Math.log(757.5 / 750), last.logReturn(), 1e-15);
        double sq = 0;
        for (int i = 1; i < spots.length; i++) {
            sq += Math.pow(Math.log(spots[i] / spots[i - 1]), 2);
        }
        assertEquals(Math.sqrt(sq / (5 / 365.0)), last.realizedVol5(), 1e-12);
        assertTrue(Double.isNaN(last.realizedVol21()));
        final SessionFeatures done = last;
        assertThrows(IllegalArgumentException.class, () -> builder.next(base, surface), done.toString());
    }

    @Test
    void nextSessionGapComesFromTheCalendar() {
        SyntheticChains market = SyntheticChains.equityLike();
        SessionChain friday = market.chain(new int[] {30}, 41, 0); // 2026-06-01 is a Monday
        SessionFeatures f = new FeatureBuilder(new NyseCalendar()).next(friday, new SessionSurfaceBuilder().build(friday));
        assertEquals(1, f.nextSessionGapDays());
    }
}
