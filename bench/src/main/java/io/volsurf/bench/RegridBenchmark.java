package io.volsurf.bench;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.HalfSpreadCurve;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.grid.SurfaceRegridder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Re-gridding stored sessions onto a user grid, on one ticker's sessions 2026-07-27..08-21 (20 for a US ticker, 26
 * for BTC, whose quotes carry bid-ask spreads; US quotes are last trades) read from an ingested
 * database ({@code -Dvolsurf.bench.db-url}, e.g. {@code postgresql://postgres@127.0.0.1:5432/volsurf_data}):
 * {@code storedRead} reads them as stored (surfaces and SVI fits), {@code regriddedRead} reads them on {@link #DENSE}
 * (the stored read, the quotes' half-spreads, the sampling), {@code resampleOnly} samples the already read sessions
 * (no database). Every figure is for all the ticker's sessions of the period: divide by their count for one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RegridBenchmark {

    /** 10 tenors by 11 ATM standard deviation knots (110 cells; the default grid has 49). */
    public static final GridSpec DENSE = new GridSpec(new int[] {7, 14, 21, 30, 45, 60, 91, 120, 182, 273},
            new double[] {-2, -1.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 2}, MoneynessScaling.ATM_STD);
    static final LocalDate FROM = LocalDate.of(2026, 7, 27);
    static final LocalDate TO = LocalDate.of(2026, 8, 21);

    @Param({"SPY", "PEP", "BTC"})
    public String ticker;

    private MarketDataStore store;
    private List<CanonicalSurface> stored;
    private Map<LocalDate, Map<LocalDate, HalfSpreadCurve>> spreads;
    private final SurfaceRegridder regridder = new SurfaceRegridder();

    @Setup
    public void setup() {
        String url = System.getProperty("volsurf.bench.db-url");
        if (url == null) {
            throw new IllegalStateException("-Dvolsurf.bench.db-url=postgresql://... (an ingested database) is needed");
        }
        DatabaseTarget target = DatabaseTarget.parse(url);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(target.jdbcUrl());
        ds.setUser(target.user());
        ds.setPassword(target.password());
        store = new MarketDataStore(ds);
        stored = store.surfaces(ticker, FROM, TO);
        spreads = store.halfSpreadCurves(ticker, FROM, TO);
        if (stored.isEmpty()) {
            throw new IllegalStateException(ticker + ": no session stored " + FROM + ".." + TO);
        }
    }

    @Benchmark
    public List<CanonicalSurface> storedRead() {
        return store.surfaces(ticker, FROM, TO);
    }

    @Benchmark
    public List<CanonicalSurface> regriddedRead() {
        return store.surfaces(ticker, FROM, TO, DENSE);
    }

    @Benchmark
    public List<CanonicalSurface> resampleOnly() {
        List<CanonicalSurface> out = new ArrayList<>(stored.size());
        for (CanonicalSurface s : stored) {
            out.add(regridder.regrid(s, DENSE, spreads.getOrDefault(s.session(), Map.of())));
        }
        return out;
    }
}
