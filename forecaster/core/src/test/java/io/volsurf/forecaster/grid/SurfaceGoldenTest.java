package io.volsurf.forecaster.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.volsurf.forecaster.arbitrage.ArbitrageReport;
import io.volsurf.forecaster.arbitrage.CalendarViolation;
import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.Reject;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.smile.FittedSmile;
import io.volsurf.forecaster.smile.SmilePoint;
import io.volsurf.forecaster.svi.SviFit;
import io.volsurf.forecaster.svi.SviParams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the whole file-to-surface pipeline on real sessions of ../shared/data to a golden record made by the
 * reference implementation ({@code surface-golden.txt}): forwards, smile sizes and drops, per-expiry sums of the
 * quote IVs, SVI parameters, fit diagnostics, every grid cell and mask, and the arbitrage report. Speed work must
 * leave all of them equal up to round-off (numbers to 1e-10 relative or absolute, everything else exactly); the
 * Nelder–Mead evaluation counts are recorded but not compared. Skips when the data is absent. Regenerate (only for
 * an intended change of results) with {@code -Dvolsurf.golden.write=<path of the resource>}.
 */
class SurfaceGoldenTest {

    private static final String RESOURCE = "/io/volsurf/forecaster/grid/surface-golden.txt";
    private static final double TOLERANCE = 1e-10;
    /** Tokens starting with this are informative only (evaluation counts). */
    private static final String UNCHECKED = "~";

    @Test
    void realSessionsMatchTheGoldenRecord() throws IOException {
        Path root = RealDataSurfaceTest.sharedData("us-options");
        String actual = record(root);
        String out = System.getProperty("volsurf.golden.write");
        if (out != null) {
            Files.writeString(Path.of(out), actual);
            return;
        }
        String expected;
        try (InputStream in = SurfaceGoldenTest.class.getResourceAsStream(RESOURCE)) {
            assertTrue(in != null, RESOURCE + " missing");
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        compare(expected, actual);
    }

    /** SPY cold (the benchmark's session) and warm-started from it the next session, and three other tickers cold. */
    static String record(Path usOptions) {
        StringBuilder sb = new StringBuilder();
        SessionSurfaceBuilder builder = new SessionSurfaceBuilder();
        SessionChain spyChain = read(usOptions.resolve("2026-06-01/SPY.json.gz"));
        chain(sb, spyChain);
        SessionSurface spy = builder.build(spyChain);
        append(sb, spy);
        SessionChain next = read(usOptions.resolve("2026-06-02/SPY.json.gz"));
        chain(sb, next);
        append(sb, builder.build(next, spy.warmStarts()));
        for (String f : List.of("2026-06-01/QQQ.json.gz", "2026-06-01/AAPL.json.gz", "2026-06-01/TLT.json.gz")) {
            SessionChain c = read(usOptions.resolve(f));
            chain(sb, c);
            append(sb, builder.build(c));
        }
        return sb.toString();
    }

    private static SessionChain read(Path file) {
        List<SessionChain> chains = new ArrayList<>(1);
        new ChainIngestor().ingest(List.of(file), null, chains::add);
        assertEquals(1, chains.size(), file.toString());
        return chains.get(0);
    }

    /** The parsed chain: counts, and sums over the quotes of every number the reader fills in. */
    private static void chain(StringBuilder sb, SessionChain c) {
        double strike = 0;
        double last = 0;
        double vendorIv = 0;
        double volume = 0;
        double openInterest = 0;
        double underlying = 0;
        double maturity = 0;
        long calls = 0;
        long expiryDays = 0;
        for (OptionQuote q : c.quotes()) {
            strike += q.strike();
            last += Double.isNaN(q.last()) ? 0 : q.last();
            vendorIv += Double.isNaN(q.vendorIv()) ? 0 : q.vendorIv();
            volume += Double.isNaN(q.volume()) ? 0 : q.volume();
            openInterest += Double.isNaN(q.openInterest()) ? 0 : q.openInterest();
            underlying += q.underlyingPrice();
            maturity += q.maturityYears();
            calls += q.type() == OptionType.CALL ? 1 : 0;
            expiryDays += q.expiry().toEpochDay() + q.expiryInstant().getEpochSecond();
        }
        long rejectRows = 0;
        for (Reject r : c.rejects()) {
            rejectRows += r.row() * (r.reason().ordinal() + 1) + r.detail().hashCode();
        }
        line(sb, "chain", c.underlying(), c.session(), c.snapshot(), c.spot(), c.spotSource(), c.quotes().size(),
                c.rejects().size(), rejectRows, calls, expiryDays, strike, last, vendorIv, volume, openInterest,
                underlying, maturity);
    }

    private static void append(StringBuilder sb, SessionSurface s) {
        CanonicalSurface c = s.surface();
        line(sb, "session", c.ticker(), c.session(), c.spot());
        for (ExpiryDiagnostics e : s.expiries()) {
            ExpiryForward f = e.forward();
            line(sb, "expiry", f.expiry(), f.maturityYears(), f.forward(), f.discount(), f.method(), f.pairsUsed(),
                    f.pairsRejected(), f.residualUsd(), e.usableQuotes(), new TreeMap<>(e.dropped()),
                    e.vendorGapVolPoints(), e.medianHalfSpreadVol());
            if (e.fitted()) {
                fit(sb, e.fit());
            }
        }
        for (FittedSmile fs : s.smiles()) {
            double vol = 0;
            double bid = 0;
            double ask = 0;
            double k = 0;
            double vega = 0;
            for (SmilePoint p : fs.smile().points()) {
                vol += p.vol();
                bid += Double.isNaN(p.bidVol()) ? 0 : p.bidVol();
                ask += Double.isNaN(p.askVol()) ? 0 : p.askVol();
                k += p.logMoneyness();
                vega += p.vegaUsd();
            }
            line(sb, "smile", fs.smile().forward().expiry(), fs.smile().size(), vol, bid, ask, k, vega);
        }
        for (int i = 0; i < c.impliedVol().length; i++) {
            line(sb, "cell", i, c.mask()[i], c.logMoneyness()[i], c.totalVariance()[i], c.impliedVol()[i],
                    c.halfSpreadVol()[i]);
        }
        ArbitrageReport a = s.arbitrage();
        if (a != null) {
            line(sb, "arbitrage", a.butterflyFree(), a.minG(), a.minGAtK(), a.minGAtMaturityYears(),
                    a.calendarViolations().size());
            for (CalendarViolation v : a.calendarViolations()) {
                line(sb, "calendar", v.shorterMaturityYears(), v.longerMaturityYears(), v.kFrom(), v.kTo(), v.worstK(),
                        v.worstAmount());
            }
        }
    }

    private static void fit(StringBuilder sb, SviFit f) {
        SviParams p = f.params();
        line(sb, "fit", p.a(), p.b(), p.rho(), p.m(), p.sigma(), f.rmseVolPoints(), f.rmseTotalVariance(), f.quotes(),
                f.butterflyFree(), f.minG(), f.minGAtK(), f.repair(), UNCHECKED + f.evaluations());
    }

    private static void line(StringBuilder sb, Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            Object o = fields[i];
            if (o instanceof Double d) {
                sb.append(String.format(Locale.ROOT, "%.17g", d));
            } else if (o instanceof Map<?, ?> m) {
                sb.append(m.toString().replace(" ", ""));
            } else {
                sb.append(o);
            }
        }
        sb.append('\n');
    }

    static void compare(String expected, String actual) {
        String[] e = expected.split("\n");
        String[] a = actual.split("\n");
        assertEquals(e.length, a.length, "number of lines");
        for (int i = 0; i < e.length; i++) {
            String[] et = e[i].split(" ");
            String[] at = a[i].split(" ");
            if (et.length != at.length) {
                fail("line " + (i + 1) + ": expected\n" + e[i] + "\ngot\n" + a[i]);
            }
            for (int j = 0; j < et.length; j++) {
                if (et[j].startsWith(UNCHECKED) || et[j].equals(at[j])) {
                    continue;
                }
                if (!closeNumbers(et[j], at[j])) {
                    fail("line " + (i + 1) + " field " + j + ": expected " + et[j] + ", got " + at[j] + "\n" + e[i]
                            + "\n" + a[i]);
                }
            }
        }
    }

    private static boolean closeNumbers(String x, String y) {
        double u;
        double v;
        try {
            u = Double.parseDouble(x);
            v = Double.parseDouble(y);
        } catch (NumberFormatException ex) {
            return false;
        }
        if (Double.isNaN(u) || Double.isNaN(v) || Double.isInfinite(u) || Double.isInfinite(v)) {
            return Double.compare(u, v) == 0;
        }
        return Math.abs(u - v) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(u), Math.abs(v)));
    }

    @Test
    void comparisonAcceptsRoundOffAndRejectsRealChanges() {
        compare("fit 0.10000000000000000 NONE ~12", "fit 0.10000000000000001 NONE ~40");
        boolean failed = false;
        try {
            compare("fit 0.1000000000 NONE", "fit 0.1000000010 NONE");
        } catch (AssertionError expected) {
            failed = true;
        }
        assertTrue(failed, "a change of 1e-9 must fail");
    }
}
