package io.volsurf.forecaster.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.calendar.BusinessTime;
import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each switchable effect of the generated market does what it says, and the plain market stays as it was. */
class MarketEffectsTest {

    @TempDir
    Path dir;

    /** A market whose true term structure is flat in variance rate: v0 = vLong, no vol of variance, no spread noise. */
    private static SyntheticMarketConfig flat(int days, MarketEffects effects) {
        SyntheticMarketConfig d = SyntheticMarketConfig.defaults(days, 3);
        return new SyntheticMarketConfig(List.of("FLT"), LocalDate.of(2026, 3, 2), days, 3, 100, 0.04, 0.04, 3.0, 0.0,
                -0.7, d.rate(), d.dividendYield(), d.termDecayPerYear(), d.meanSkew(), d.meanEta(), d.halfSpreadVol(),
                0.0, 0, effects);
    }

    @Test
    void thePlainMarketWritesTheSameFilesAsBeforeTheEffectsExisted() throws IOException, NoSuchAlgorithmException {
        // SHA-256 of this market's chain and truth files as the generator wrote them before MarketEffects existed
        GenerationReport r = new SyntheticMarketGenerator().generate(
                SyntheticMarketConfig.defaults(6, 42).withTickers(List.of("SYN", "ALT")), dir);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<Path> files = new ArrayList<>(r.chainFiles());
        files.add(r.truthFile());
        for (Path f : files) {
            md.update(dir.relativize(f).toString().getBytes());
            md.update(Files.readAllBytes(f));
        }
        assertEquals("0522aa14a577a4e49ab13ab04415e2988f0ff7677c99f311a7e0e10f513f9a29",
                HexFormat.of().formatHex(md.digest()));
        assertNull(r.eventsFile());
        assertFalse(Files.exists(dir.resolve("events.truth.csv")));
    }

    @Test
    void weekendVarianceAccruesPerBusinessDay() {
        double weight = 0.1;
        GenerationReport r = new SyntheticMarketGenerator().generate(flat(10, MarketEffects.NONE
                .withWeekendWeight(weight)), dir);
        BusinessTime clock = new BusinessTime(new NyseCalendar(), weight);
        for (TrueSlice s : r.truth()) {
            double businessYears = clock.between(s.session(), s.expiry()) / (252 + 113 * weight);
            assertEquals(0.04 * businessYears, s.svi().totalVariance(0), 1e-12, s.session() + " " + s.expiry());
        }
        // Friday 2026-03-06 to Monday 03-09: the expiry of Friday 03-13 loses one session and two weekend days
        double friday = atm(r, LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 13));
        double monday = atm(r, LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 13));
        assertEquals((5 + 2 * weight) / (4.0), friday / monday, 1e-9, "in calendar time it would be 7/4");
    }

    @Test
    void scheduledEventsAddTheirVarianceToEveryLaterExpiryUntilTheyPass() throws IOException {
        double j = 0.002;
        GenerationReport r = new SyntheticMarketGenerator().generate(flat(40, MarketEffects.NONE.withEvents(15, j)), dir);
        assertTrue(r.eventsFile() != null && Files.readAllLines(r.eventsFile()).size() == 1 + r.events().size());
        List<ScheduledEvent> inWindow = r.events().stream()
                .filter(e -> !e.session().isAfter(LocalDate.of(2026, 4, 24))).toList();
        assertTrue(inWindow.size() >= 2, "every 15 sessions over 40: " + r.events());
        assertEquals(15, new NyseCalendarSessions().between(inWindow.get(0).session(), inWindow.get(1).session()));
        for (TrueSlice s : r.truth()) {
            double events = r.events().stream()
                    .filter(e -> e.session().isAfter(s.session()) && !e.session().isAfter(s.expiry()))
                    .mapToDouble(ScheduledEvent::variance).sum();
            assertEquals(0.04 * s.maturityYears() + events, s.svi().totalVariance(0), 1e-9,
                    s.session() + " " + s.expiry());
        }
        // the day before an event its bracket carries it; on the event's session it is gone
        LocalDate event = inWindow.get(0).session();
        LocalDate before = new NyseCalendar().previousSession(event);
        LocalDate expiry = r.truth().stream().filter(s -> s.session().equals(before) && s.expiry().isAfter(event))
                .findFirst().orElseThrow().expiry();
        assertEquals(j, atm(r, before, expiry) - 0.04 * maturity(r, before, expiry), 1e-9);
        assertEquals(0, atm(r, event, expiry) - 0.04 * maturity(r, event, expiry), 1e-9);
    }

    @Test
    void quoteNoiseScattersThePricesAroundATruthItDoesNotMove() throws IOException {
        MarketEffects quiet = MarketEffects.NONE.withNoise(0.0001, 0);
        MarketEffects noisy = MarketEffects.NONE.withNoise(0.02, 0.01);
        GenerationReport a = new SyntheticMarketGenerator().generate(flat(4, quiet), dir.resolve("a"));
        GenerationReport b = new SyntheticMarketGenerator().generate(flat(4, noisy), dir.resolve("b"));
        assertArrayEquals(Files.readAllBytes(a.truthFile()), Files.readAllBytes(b.truthFile()), "the truth");
        double quietSd = vendorVolError(a);
        double noisySd = vendorVolError(b);
        assertTrue(quietSd < 0.001, "quiet " + quietSd);
        double expected = Math.sqrt(0.02 * 0.02 + 0.01 * 0.01);
        assertTrue(noisySd > 0.7 * expected && noisySd < 1.3 * expected, "noise sd " + noisySd + " vs " + expected);
    }

    @Test
    void aFullyCommonFactorMovesEveryTickerAlike() {
        SyntheticMarketConfig base = SyntheticMarketConfig.defaults(30, 5).withTickers(List.of("AAA", "BBB"));
        GenerationReport common = new SyntheticMarketGenerator().generate(
                base.withEffects(MarketEffects.NONE.withCommonFactorShare(1)), dir.resolve("c"));
        GenerationReport own = new SyntheticMarketGenerator().generate(base, dir.resolve("o"));
        assertTrue(spotRatioSpread(common) < 1e-9, "one factor: BBB's spot stays 1.5 times AAA's");
        assertTrue(spotRatioSpread(own) > 1e-3, "independent tickers drift apart");
    }

    @Test
    void settingsAreReadBySnakeCaseKeyAndABadKeyIsNamed() {
        SyntheticMarketConfig base = SyntheticMarketConfig.defaults(30, 1);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("kappa", "12");
        set.put("weekend_weight", "0.2");
        set.put("event_every_sessions", "10");
        set.put("event_variance", "0.003");
        set.put("quote_noise_vol", "0.01");
        set.put("common_factor_share", "0.5");
        SyntheticMarketConfig c = SyntheticMarketSettings.apply(base, set);
        assertEquals(12, c.kappa());
        assertEquals(new MarketEffects(0.5, 0.2, 10, 0.003, 0.01, 0), c.effects());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticMarketSettings.apply(base, Map.of("weekend_wieght", "0.1")));
        assertTrue(e.getMessage().contains("weekend_wieght"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticMarketSettings.apply(base, Map.of("weekend_weight", "1.5")));
        assertTrue(e.getMessage().contains("weekend_weight"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticMarketSettings.apply(base, Map.of("kappa", "fast")));
        assertTrue(e.getMessage().contains("kappa=fast"), e.getMessage());
        assertEquals(MarketPreset.EVENTS, MarketPreset.parse("Events"));
        e = assertThrows(IllegalArgumentException.class, () -> MarketPreset.parse("earnings"));
        assertTrue(e.getMessage().contains("default, weekend, events, noisy"), e.getMessage());
        assertEquals(base, MarketPreset.DEFAULT.applyTo(base));
    }

    private static double atm(GenerationReport r, LocalDate session, LocalDate expiry) {
        return r.truth().stream().filter(s -> s.session().equals(session) && s.expiry().equals(expiry)).findFirst()
                .orElseThrow().svi().totalVariance(0);
    }

    private static double maturity(GenerationReport r, LocalDate session, LocalDate expiry) {
        return r.truth().stream().filter(s -> s.session().equals(session) && s.expiry().equals(expiry)).findFirst()
                .orElseThrow().maturityYears();
    }

    /** Standard deviation of the written implied vol around the true smile's, near the money. */
    private double vendorVolError(GenerationReport r) {
        Map<String, TrueSlice> truth = new LinkedHashMap<>();
        r.truth().forEach(t -> truth.put(t.session() + " " + t.expiry(), t));
        List<SessionChain> chains = new ArrayList<>();
        new ChainIngestor().ingest(r.chainFiles(), null, chains::add);
        double sq = 0;
        int n = 0;
        for (SessionChain c : chains) {
            for (OptionQuote q : c.quotes()) {
                TrueSlice t = truth.get(c.session() + " " + q.expiry());
                double k = Math.log(q.strike() / t.forward());
                if (Math.abs(k) > 0.1 || Double.isNaN(q.vendorIv())) {
                    continue;
                }
                double e = q.vendorIv() - Math.sqrt(t.svi().totalVariance(k) / t.maturityYears());
                sq += e * e;
                n++;
            }
        }
        assertTrue(n > 100, "quotes near the money: " + n);
        return Math.sqrt(sq / n);
    }

    private static double spotRatioSpread(GenerationReport r) {
        Map<LocalDate, double[]> spots = new LinkedHashMap<>();
        for (TrueSlice t : r.truth()) {
            spots.computeIfAbsent(t.session(), d -> new double[2])[t.ticker().equals("AAA") ? 0 : 1] = t.spot();
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : spots.values()) {
            lo = Math.min(lo, s[1] / s[0]);
            hi = Math.max(hi, s[1] / s[0]);
        }
        return hi / lo - 1;
    }

    /** Sessions between two dates on the NYSE calendar. */
    private static final class NyseCalendarSessions {
        int between(LocalDate from, LocalDate to) {
            NyseCalendar c = new NyseCalendar();
            int n = 0;
            for (LocalDate d = from; d.isBefore(to); d = c.nextSession(d)) {
                n++;
            }
            return n;
        }
    }
}
