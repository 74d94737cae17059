package io.volsurf.forecaster.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.svi.SviParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticMarketGeneratorTest {

    @TempDir
    Path dir;

    private final SyntheticMarketConfig cfg = SyntheticMarketConfig.defaults(8, 42).withTickers(List.of("SYN", "ALT"))
            .withStart(LocalDate.of(2026, 3, 30)); // spans Good Friday 2026-04-03

    @Test
    void sameSeedGivesIdenticalFilesAndAnotherSeedDiffers() throws IOException {
        SyntheticMarketGenerator g = new SyntheticMarketGenerator();
        GenerationReport a = g.generate(cfg, dir.resolve("a"));
        GenerationReport b = g.generate(cfg, dir.resolve("b"));
        assertEquals(16, a.chainFiles().size());
        for (int i = 0; i < a.chainFiles().size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.chainFiles().get(i)), Files.readAllBytes(b.chainFiles().get(i)));
        }
        assertArrayEquals(Files.readAllBytes(a.truthFile()), Files.readAllBytes(b.truthFile()));
        SyntheticMarketConfig other = SyntheticMarketConfig.defaults(8, 43).withTickers(cfg.tickers())
                .withStart(cfg.start());
        GenerationReport c = g.generate(other, dir.resolve("c"));
        assertFalse(Files.readString(a.chainFiles().get(3)).equals(Files.readString(c.chainFiles().get(3))));
    }

    @Test
    void readsBackWithExactlyTheInjectedBadRowsRejected() {
        GenerationReport report = new SyntheticMarketGenerator().generate(cfg, dir);
        List<SessionChain> chains = new ArrayList<>();
        // The folder itself: the *.truth.csv files beside the chains are skipped, not failed.
        IngestSummary s = new ChainIngestor().ingest(List.of(dir), null, chains::add);
        assertTrue(s.allFilesRead(), s.filesFailed().toString());
        assertEquals(2, s.skippedFiles().size());
        assertEquals(16, s.sessions());
        assertEquals(report.rows(), s.accepted() + s.rejected());
        Set<String> expected = new HashSet<>();
        report.badRows().forEach(b -> expected.add(b.file() + ":" + b.line() + ":" + b.reason()));
        Set<String> actual = new HashSet<>();
        chains.forEach(c -> c.rejects().forEach(r -> actual.add(r.file() + ":" + r.row() + ":" + r.reason())));
        assertEquals(16 * 3, expected.size());
        assertEquals(expected, actual);
        NyseCalendar nyse = new NyseCalendar();
        for (SessionChain c : chains) {
            assertTrue(nyse.isSession(c.session()));
            assertTrue(c.expiryCount() >= 10, c.session() + ": " + c.expiryCount());
            assertTrue(c.quotes().stream().noneMatch(q -> q.expiry().equals(LocalDate.of(2026, 4, 3))),
                    "nothing expires on Good Friday");
        }
    }

    @Test
    void quotesBracketTheTrueSurfaceAndSpreadsWidenInTheWings() {
        GenerationReport report = new SyntheticMarketGenerator().generate(cfg, dir);
        Map<String, TrueSlice> truth = new HashMap<>();
        report.truth().forEach(t -> truth.put(t.ticker() + t.session() + t.expiry(), t));
        List<SessionChain> chains = new ArrayList<>();
        new ChainIngestor().ingest(List.of(dir.resolve("SYN")), null, chains::add);
        int checked = 0;
        for (SessionChain c : chains) {
            for (OptionQuote q : c.quotes()) {
                TrueSlice t = truth.get(c.underlying() + c.session() + q.expiry());
                assertEquals(t.maturityYears(), q.maturityYears(), 1e-12);
                double k = Math.log(q.strike() / t.forward());
                double vol = Math.sqrt(t.svi().totalVariance(k) / t.maturityYears());
                assertEquals(vol, q.vendorIv(), 1e-6);
                double price = Math.exp(-q.rate() * t.maturityYears())
                        * BlackFormula.price(t.forward(), q.strike(), vol, t.maturityYears(), q.type() == OptionType.CALL);
                assertTrue(q.bid() <= price + 1e-9 && price <= q.ask() + 1e-9, () -> q + " vs " + price);
                checked++;
            }
        }
        assertTrue(checked > 1000, "checked " + checked);
        // Wider in vol terms in the wings: compare the half-spread / vega near and far from the money.
        SessionChain c = chains.get(0);
        TrueSlice t = report.truth().stream().filter(x -> x.session().equals(c.session())).skip(4).findFirst()
                .orElseThrow();
        List<OptionQuote> slice = c.quotes().stream().filter(q -> q.expiry().equals(t.expiry())
                && q.isOutOfTheMoney(t.forward())).toList();
        double atm = spreadInVol(slice.stream().min((x, y) -> Double.compare(Math.abs(x.strike() - t.forward()),
                Math.abs(y.strike() - t.forward()))).orElseThrow(), t);
        double wing = spreadInVol(slice.stream().filter(q -> q.ask() > 0.2).min((x, y) -> Double.compare(x.strike(),
                y.strike())).orElseThrow(), t);
        assertTrue(wing > 1.5 * atm, "wing " + wing + " atm " + atm);
    }

    private static double spreadInVol(OptionQuote q, TrueSlice t) {
        double vol = q.vendorIv();
        double vega = BlackFormula.vega(t.forward(), q.strike(), vol, t.maturityYears());
        return (q.ask() - q.bid()) / vega;
    }

    @Test
    void trueSlicesAreButterflyFreeAndCalendarOrdered() {
        GenerationReport report = new SyntheticMarketGenerator().generate(
                SyntheticMarketConfig.defaults(40, 7), dir);
        Map<LocalDate, List<TrueSlice>> bySession = new HashMap<>();
        for (TrueSlice t : report.truth()) {
            bySession.computeIfAbsent(t.session(), d -> new ArrayList<>()).add(t);
            for (int i = -200; i <= 200; i++) {
                double k = i * 0.01;
                assertTrue(durrlemanG(t.svi(), k) >= -1e-12, () -> t + " g(" + k + ") < 0");
            }
        }
        for (List<TrueSlice> slices : bySession.values()) {
            for (int i = 1; i < slices.size(); i++) {
                for (int j = -30; j <= 20; j++) {
                    double k = j * 0.05;
                    assertTrue(slices.get(i).svi().totalVariance(k) >= slices.get(i - 1).svi().totalVariance(k) - 1e-12,
                            () -> "total variance decreases in T at k=" + k);
                }
            }
        }
    }

    @Test
    void ssviMapsToRawSvi() {
        double theta = 0.04;
        double rho = -0.5;
        double eta = 1.0;
        SviParams p = SyntheticMarketGenerator.ssviSlice(theta, rho, eta);
        double phi = eta / Math.sqrt(theta * (1 + theta));
        for (double k = -1; k <= 1; k += 0.1) {
            double ssvi = 0.5 * theta * (1 + rho * phi * k + Math.sqrt(Math.pow(phi * k + rho, 2) + 1 - rho * rho));
            assertEquals(ssvi, p.totalVariance(k), 1e-14);
        }
        assertEquals(theta, p.totalVariance(0), 1e-15);
    }

    @Test
    void listingCalendarHasWeekliesMonthliesAndQuarterlies() {
        ListingCalendar listing = new ListingCalendar(new NyseCalendar(), 5, 6, 2);
        List<LocalDate> e = listing.expiries(LocalDate.of(2026, 3, 30));
        assertTrue(e.contains(LocalDate.of(2026, 4, 2)), "Good Friday weekly moves to Thursday");
        assertTrue(e.contains(LocalDate.of(2026, 4, 17)), "April monthly");
        assertTrue(e.contains(LocalDate.of(2026, 9, 18)), "September monthly");
        assertTrue(e.contains(LocalDate.of(2027, 12, 17)), "December 2027 quarterly");
        assertFalse(e.contains(LocalDate.of(2026, 3, 20)), "expired March rolled off");
        assertTrue(e.stream().allMatch(d -> d.isAfter(LocalDate.of(2026, 3, 30))));
    }

    @Test
    void fixedPointFormatting() {
        assertEquals("0.05", SyntheticMarketGenerator.fmt(0.05, 2));
        assertEquals("-0.05", SyntheticMarketGenerator.fmt(-0.05, 2));
        assertEquals("0.000123", SyntheticMarketGenerator.fmt(0.0001234, 6));
        assertEquals("512.50", SyntheticMarketGenerator.fmt(512.5, 2));
        assertEquals("0.00", SyntheticMarketGenerator.fmt(-0.001, 2));
        assertEquals("7", SyntheticMarketGenerator.fmt(7.2, 0));
    }

    /** Gatheral's density condition g(k) for a raw SVI slice, analytic derivatives. */
    static double durrlemanG(SviParams p, double k) {
        double x = k - p.m();
        double r = Math.sqrt(x * x + p.sigma() * p.sigma());
        double w = p.totalVariance(k);
        double w1 = p.b() * (p.rho() + x / r);
        double w2 = p.b() * p.sigma() * p.sigma() / (r * r * r);
        double t = 1 - k * w1 / (2 * w);
        return t * t - w1 * w1 / 4 * (1 / w + 0.25) + w2 / 2;
    }
}
