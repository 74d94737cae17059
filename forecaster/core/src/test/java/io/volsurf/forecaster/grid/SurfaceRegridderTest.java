package io.volsurf.forecaster.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.smile.FittedSmile;
import io.volsurf.forecaster.smile.SmilePoint;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Re-gridding a session from its SVI slices gives what ingest gives on that grid: the same cells, masks and
 * half-spreads as building the chain on the target grid directly, and the stored cells themselves on the stored grid.
 */
class SurfaceRegridderTest {

    private static final int[] DAYS = {5, 12, 33, 64, 120, 250};
    private static final GridSpec LOG = new GridSpec(new int[] {3, 10, 30, 45, 90, 180, 365},
            new double[] {-0.6, -0.3, -0.15, -0.05, 0, 0.05, 0.15, 0.3, 0.6}, MoneynessScaling.LOG_MONEYNESS);

    private final SessionChainsFixture fixture = new SessionChainsFixture();

    /** A session built at ingest on the default grid, and the half-spread curves the store keeps for it. */
    private static final class SessionChainsFixture {
        final SessionSurface built = new SessionSurfaceBuilder().build(SyntheticChains.equityLike().chain(DAYS, 31,
                0.004));
        final Map<LocalDate, HalfSpreadCurve> spreads = new HashMap<>();

        SessionChainsFixture() {
            for (FittedSmile f : built.smiles()) {
                List<SmilePoint> p = f.smile().points();
                double[] k = new double[p.size()];
                double[] hs = new double[p.size()];
                for (int i = 0; i < k.length; i++) {
                    // as the store recomputes them from the quotes' stored vols and forward
                    k[i] = Math.log(p.get(i).strike() / f.smile().forward().forward());
                    hs[i] = 0.5 * (p.get(i).askVol() - p.get(i).bidVol());
                }
                spreads.put(f.smile().forward().expiry(), HalfSpreadCurve.ofQuotes(k, hs));
            }
        }
    }

    @Test
    void resamplingOntoTheStoredGridReproducesEveryStoredCell() {
        CanonicalSurface stored = fixture.built.surface();
        CanonicalSurface again = new SurfaceRegridder().resample(stored, stored.spec(), fixture.spreads);
        assertCellsIdentical(stored, again);
        assertSame(stored, new SurfaceRegridder().regrid(stored, GridSpec.defaultSpec(), fixture.spreads),
                "on its own grid a stored surface is used as stored");
    }

    @Test
    void resamplingOntoAnotherGridIsWhatIngestBuildsOnIt() {
        CanonicalSurface direct = new SessionSurfaceBuilder(LOG).build(SyntheticChains.equityLike().chain(DAYS, 31,
                0.004)).surface();
        CanonicalSurface regridded = new SurfaceRegridder().regrid(fixture.built.surface(), LOG, fixture.spreads);
        assertEquals(LOG, regridded.spec());
        assertCellsIdentical(direct, regridded);
        // the masking rule of ingest: 3 days is before the first expiry, 365 after the last, +-0.6 beyond the short
        // expiries' quotes; so some cells are observations and some are not
        int knots = LOG.knotCount();
        for (int j = 0; j < knots; j++) {
            assertTrue(!regridded.mask()[j] && !regridded.mask()[6 * knots + j]);
        }
        assertTrue(regridded.observedCells() >= 10 && regridded.observedCells() < LOG.cellCount(),
                "observed " + regridded.observedCells());
    }

    private static void assertCellsIdentical(CanonicalSurface a, CanonicalSurface b) {
        assertEquals(a.spec(), b.spec());
        assertArrayEquals(a.logMoneyness(), b.logMoneyness());
        assertArrayEquals(a.totalVariance(), b.totalVariance());
        assertArrayEquals(a.impliedVol(), b.impliedVol());
        assertArrayEquals(a.mask(), b.mask());
        assertArrayEquals(a.halfSpreadVol(), b.halfSpreadVol());
        assertEquals(a.slices(), b.slices());
    }
}
