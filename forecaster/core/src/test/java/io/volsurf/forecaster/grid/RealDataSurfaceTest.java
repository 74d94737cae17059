package io.volsurf.forecaster.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.smile.QuoteDropReason;
import io.volsurf.forecaster.svi.SviFit;
import io.volsurf.forecaster.svi.SviParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SPY sessions and Deribit BTC sessions of ../shared/data build surfaces (a sample by default, all with
 * {@code -Dvolsurf.realdata.full=true}); prints the share of expiries
 * (with at least 10 usable quotes) that get a butterfly-free fit, the median and 95th-percentile RMSE in vol points,
 * the masked-cell share and the gap to the vendor's IVs.
 */
class RealDataSurfaceTest {

    static Path sharedData(String sub) {
        String prop = System.getProperty("volsurf.shared.data");
        Path root = prop != null ? Path.of(prop) : Path.of("../shared/data");
        Path dir = root.resolve(sub);
        Assumptions.assumeTrue(Files.isDirectory(dir), dir + " absent (…/shared/data absent: skipping real-data test)");
        return dir;
    }

    /** Quality figures over many sessions. */
    static final class Tally {
        final String name;
        int sessions;
        int expiriesWith10;
        int butterflyFreeWith10;
        int cells;
        int observed;
        int calendarViolations;
        final List<Double> rmse = new ArrayList<>();
        final List<Double> vendorGap = new ArrayList<>();
        final Map<QuoteDropReason, Integer> dropped = new EnumMap<>(QuoteDropReason.class);
        final Map<SviFit.Repair, Integer> repairs = new EnumMap<>(SviFit.Repair.class);
        int fits;
        long evaluations;
        long buildNanos;
        Map<LocalDate, SviParams> warm = Map.of();

        Tally(String name) {
            this.name = name;
        }

        void add(SessionSurface s) {
            sessions++;
            cells += s.surface().spec().cellCount();
            observed += s.surface().observedCells();
            if (s.arbitrage() != null) {
                calendarViolations += s.arbitrage().calendarViolations().size();
            }
            for (ExpiryDiagnostics e : s.expiries()) {
                if (e.usableQuotes() >= 10) {
                    expiriesWith10++;
                    if (e.fitted() && e.fit().butterflyFree()) {
                        butterflyFreeWith10++;
                    }
                }
                if (e.fitted()) {
                    rmse.add(e.fit().rmseVolPoints());
                    repairs.merge(e.fit().repair(), 1, Integer::sum);
                    fits++;
                    evaluations += e.fit().evaluations();
                }
                if (Double.isFinite(e.vendorGapVolPoints())) {
                    vendorGap.add(e.vendorGapVolPoints());
                }
            }
            s.dropped().forEach((r, n) -> dropped.merge(r, n, Integer::sum));
            warm = s.warmStarts();
        }

        double butterflyFreeShare() {
            return butterflyFreeWith10 / (double) expiriesWith10;
        }

        /** Share of fitted slices whose first fit had butterfly arbitrage and needed a repair. */
        double repairShare() {
            return 1 - repairs.getOrDefault(SviFit.Repair.NONE, 0) / (double) fits;
        }

        double maskedShare() {
            return 1 - observed / (double) cells;
        }

        String report() {
            double[] r = rmse.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] g = vendorGap.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return String.format(Locale.ROOT, "%s: %d sessions, %d/%d expiries with >= 10 usable quotes butterfly-free "
                    + "(%.1f%%), RMSE vol points median %.3f p95 %.3f max %.3f, masked cells %.1f%%, vendor IV gap "
                    + "median %.3f vol points (p95 of per-expiry medians %.3f), calendar violations %d, dropped %s; "
                    + "SVI repairs %.1f%% %s, %.0f evaluations/slice, build %.2f ms per fitted slice (%.1f ms/session)",
                    name, sessions, butterflyFreeWith10, expiriesWith10, 100 * butterflyFreeShare(), pct(r, 0.5),
                    pct(r, 0.95), r[r.length - 1], 100 * maskedShare(), pct(g, 0.5), pct(g, 0.95), calendarViolations,
                    dropped, 100 * repairShare(), repairs, evaluations / (double) fits, buildNanos / 1e6 / fits,
                    buildNanos / 1e6 / sessions);
        }

        static double pct(double[] sorted, double p) {
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
        }
    }

    @Test
    void everySpySessionBuildsASurface() throws IOException {
        Path root = sharedData("us-options");
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.map(d -> d.resolve("SPY.json.gz")).filter(Files::exists).sorted().toList();
        }
        files = everyNth(files, 25);
        SessionSurfaceBuilder builder = new SessionSurfaceBuilder();
        Tally tally = new Tally("SPY");
        IngestSummary summary = new ChainIngestor().ingest(files, null, chain -> tally.add(build(builder, chain, tally)));
        System.out.println(tally.report());
        assertTrue(summary.allFilesRead(), summary.filesFailed().toString());
        assertEquals(summary.sessions(), tally.sessions);
        assertEquals(files.size(), tally.sessions);
        assertTrue(tally.butterflyFreeShare() > 0.99, tally.report());
        // Short-dated smiles used to be flattened to 10-20 vol points of error; the wing-cap fit keeps the tail small.
        assertTrue(Tally.pct(sorted(tally.rmse), 0.95) < 3.0, tally.report());
        assertEquals(0, tally.repairs.getOrDefault(SviFit.Repair.FLATTENED, 0), tally.report());
        assertTrue(Tally.pct(sorted(tally.rmse), 0.5) < 2.0, tally.report());
        assertTrue(tally.maskedShare() < 0.2, tally.report());
    }

    @Test
    void everyDeribitBtcSessionBuildsASurface() throws IOException {
        Path root = sharedData("crypto-deribit");
        SessionSurfaceBuilder builder = new SessionSurfaceBuilder();
        Tally tally = new Tally("BTC");
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = everyNth(s.sorted().toList(), 10);
        }
        IngestSummary summary = new ChainIngestor().ingest(files, null, chain -> {
            if (chain.underlying().equals("BTC")) {
                tally.add(build(builder, chain, tally));
            }
        });
        System.out.println(tally.report());
        assertTrue(summary.allFilesRead(), summary.filesFailed().toString());
        assertEquals(files.size(), tally.sessions);
        assertTrue(tally.butterflyFreeShare() > 0.99, tally.report());
        // Short-dated smiles used to be flattened to 10-20 vol points of error; the wing-cap fit keeps the tail small.
        assertTrue(Tally.pct(sorted(tally.rmse), 0.95) < 3.0, tally.report());
        assertEquals(0, tally.repairs.getOrDefault(SviFit.Repair.FLATTENED, 0), tally.report());
        assertTrue(Tally.pct(sorted(tally.rmse), 0.5) < 2.0, tally.report());
        assertTrue(tally.maskedShare() < 0.2, tally.report());
        // Deribit's mark IV is Black-76 on the row's forward: our inversion of the mark must agree closely.
        assertTrue(Tally.pct(sorted(tally.vendorGap), 0.5) < 0.5, tally.report());
    }

    /**
     * By default only every {@code stride}-th file is used (3 SPY and 5 BTC sessions, a few seconds each, most of it
     * reading the files); {@code -Dvolsurf.realdata.full=true} runs every session.
     */
    private static List<Path> everyNth(List<Path> files, int stride) {
        if (Boolean.getBoolean("volsurf.realdata.full")) {
            return files;
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i += stride) {
            out.add(files.get(i));
        }
        return out;
    }

    private static SessionSurface build(SessionSurfaceBuilder builder, SessionChain chain, Tally tally) {
        long start = System.nanoTime();
        SessionSurface s = builder.build(chain, tally.warm);
        tally.buildNanos += System.nanoTime() - start;
        for (int c = 0; c < s.surface().mask().length; c++) {
            if (s.surface().mask()[c]) {
                assertTrue(s.surface().totalVariance()[c] > 0, chain.session() + " cell " + c);
            }
        }
        return s;
    }

    private static double[] sorted(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
