package io.volsurf.bench;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.HalfSpreadCurve;
import io.volsurf.forecaster.grid.SurfaceRegridder;
import java.time.LocalDate;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every stored session of an ingested database re-gridded onto its own grid from its SVI fits and its quotes'
 * half-spreads, compared bit for bit with the stored cells: prints per ticker the sessions and cells that differ
 * (0 expected). Usage: {@code RegridCheck DB_URL [FROM TO]}.
 */
public final class RegridCheck {

    private RegridCheck() {
    }

    public static void main(String[] args) {
        DatabaseTarget target = DatabaseTarget.parse(args[0]);
        LocalDate from = args.length > 2 ? LocalDate.parse(args[1]) : LocalDate.of(1900, 1, 1);
        LocalDate to = args.length > 2 ? LocalDate.parse(args[2]) : LocalDate.of(2200, 12, 31);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(target.jdbcUrl());
        ds.setUser(target.user());
        ds.setPassword(target.password());
        MarketDataStore store = new MarketDataStore(ds);
        SurfaceRegridder regridder = new SurfaceRegridder();
        long sessions = 0;
        long cells = 0;
        long differing = 0;
        long differingSessions = 0;
        for (String ticker : store.tickers()) {
            Map<LocalDate, Map<LocalDate, HalfSpreadCurve>> spreads = store.halfSpreadCurves(ticker, from, to);
            long tickerDiff = 0;
            int n = 0;
            for (CanonicalSurface s : store.surfaces(ticker, from, to)) {
                CanonicalSurface again = regridder.resample(s, s.spec(), spreads.getOrDefault(s.session(), Map.of()));
                int d = 0;
                for (int c = 0; c < s.spec().cellCount(); c++) {
                    if (!same(s.logMoneyness()[c], again.logMoneyness()[c])
                            || !same(s.totalVariance()[c], again.totalVariance()[c])
                            || !same(s.impliedVol()[c], again.impliedVol()[c]) || s.mask()[c] != again.mask()[c]
                            || !same(s.halfSpreadVol()[c], again.halfSpreadVol()[c])) {
                        d++;
                    }
                }
                cells += s.spec().cellCount();
                differing += d;
                tickerDiff += d;
                differingSessions += d > 0 ? 1 : 0;
                n++;
            }
            sessions += n;
            System.out.printf("%-6s %3d sessions, %d cells differ%n", ticker, n, tickerDiff);
        }
        System.out.printf("all: %d sessions, %d cells; %d cells in %d sessions differ from the stored ones%n", sessions,
                cells, differing, differingSessions);
    }

    private static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }
}
