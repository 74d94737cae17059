package io.volsurf.forecaster.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest data loss at the reader level: a session with nothing accepted is reported and never
 * delivered for storing; one bad value costs its row, never the file; absurd magnitudes have their own reasons;
 * the unit of a vendor IV column is decided per chain and reported.
 */
class IngestDataLossTest {

    @TempDir
    Path dir;

    /** A us-options contract row; values are written as given (JSON text), so tests can write anything. */
    private static String contract(String expiry, String strike, String call, String callIv, String put,
            String putIv) {
        return String.format("{\"callOption\":\"%s_%s_Call\",\"callPrice\":%s,\"callVolume\":10,\"callIv\":%s,"
                + "\"callOi\":100,\"putOption\":\"%s_%s_Put\",\"putPrice\":%s,\"putVolume\":5,\"putIv\":%s,"
                + "\"putOi\":50}", expiry, strike, call, callIv, expiry, strike, put, putIv);
    }

    private static String goodContracts() {
        return String.join(",", contract("2026-07-17", "690.00", "14.2", "14.0", "3.9", "15.5"),
                contract("2026-07-17", "700.00", "7.8", "13.65", "7.3", "14.0"),
                contract("2026-07-17", "710.00", "3.1", "12.5", "12.9", "13.0"));
    }

    private static String chain(String contracts) {
        return "{\"header\":{\"underlyingPrice\":700.25},\"contracts\":[" + contracts + "]}";
    }

    private static final class Recorder implements IngestListener {
        final List<SessionChain> stored = new ArrayList<>();
        final List<SessionChain> empty = new ArrayList<>();

        @Override
        public void onSession(SessionChain chain) {
            stored.add(chain);
        }

        @Override
        public void onEmptySession(SessionChain chain) {
            empty.add(chain);
        }
    }

    private static IngestSummary ingest(Recorder r, Path... paths) {
        return new ChainIngestor().ingest(List.of(paths), null, r);
    }

    // ---- item 1: a file whose rows are all rejected neither wipes nor aborts

    @Test
    void usOptionsFileWithOnlyAnExpiredContractIsReportedNotDelivered() {
        // Old code: delivered a chain with no quotes, and the store replaced the good session with it.
        Path f = Fixtures.write(dir, "2026-06-18/SPY.json", chain(contract("2026-06-18", "700.00", "1.5", "12",
                "0.5", "13")));
        Recorder r = new Recorder();
        IngestSummary s = ingest(r, f);
        assertTrue(r.stored.isEmpty(), "nothing accepted: nothing to store");
        assertEquals(1, r.empty.size());
        assertEquals(0, s.sessions());
        assertEquals(2, s.rejected());
        assertEquals(1, s.emptySessions().size());
        EmptySession e = s.emptySessions().get(0);
        assertEquals("SPY", e.ticker());
        assertEquals(Map.of("EXPIRED", 2L), e.rejectReasons());
        assertTrue(s.toText().contains("NOT STORED SPY 2026-06-18"), s.toText());
        assertTrue(s.allFilesRead());
    }

    @Test
    void genericCsvWithAllRowsExpiredDoesNotStopTheOtherFiles() {
        // Old code: the empty chain had a null spot source, and storing it threw a NullPointerException that ended
        // the whole command, good files included.
        Path expired = Fixtures.write(dir, "a/expired.csv", """
                quote_date,underlying,underlying_price,expiration,strike,option_type,bid,ask
                2026-07-01,XYZ,100,2026-06-30,100,C,1.0,1.2
                2026-07-01,XYZ,100,2026-06-30,100,P,1.0,1.2
                """);
        Path good = Fixtures.write(dir, "b/good.csv", """
                quote_date,underlying,underlying_price,expiration,strike,option_type,bid,ask
                2026-07-01,XYZ,100,2026-08-21,100,C,4.0,4.2
                2026-07-01,XYZ,100,2026-08-21,100,P,3.8,4.0
                """);
        Recorder r = new Recorder();
        IngestSummary s = ingest(r, expired, good);
        assertEquals(1, r.stored.size());
        assertEquals(2, r.stored.get(0).quotes().size());
        assertEquals(1, s.emptySessions().size());
        assertEquals(expired.toString(), s.emptySessions().get(0).file());
        assertEquals(1, s.sessions());
        assertEquals(2L, s.rejectReasons().get("EXPIRED"));
    }

    // ---- item 2: one bad value costs its row, never the file, and never gets in

    @Test
    void usOptionsBadValuesCostOnlyTheirSideWithAReason() {
        String contracts = String.join(",", goodContracts(),
                contract("2026-07-17", "Infinity", "5.0", "13", "5.0", "13"),   // 2 sides: unparseable strike
                contract("2026-07-17", "720.00", "\"Infinity\"", "13", "18.0", "14"), // call bad, put fine
                contract("2026-07-17", "730.00", "\"abc\"", "13", "1e308", "14"),    // call bad, put absurd
                "17", "null", "[1,2]",                                             // not contracts
                contract("9999-12-31", "700.00", "7.0", "13", "7.0", "14"),       // 2 sides: too far
                contract("2026-07-17", "0.05", "700.0", "13", "0.01", "14"),      // 2 sides: strike out of range
                contract("2026-07-17", "740.00", "null", "null", "25.0", "15"),  // call: no price, no IV
                contract("2026-07-17", "750.00", "Infinity", "13", "35.0", "NaN")); // call bad; put: NaN IV absent
        Path f = Fixtures.write(dir, "2026-06-18/SPY.json", chain(contracts));
        Recorder r = new Recorder();
        IngestSummary s = ingest(r, f);
        assertTrue(s.allFilesRead(), "one bad value never costs the file: " + s.filesFailed());
        SessionChain c = r.stored.get(0);
        // 6 good sides + the 720, 740 and 750 puts
        assertEquals(9, c.quotes().size(), () -> c.rejects().toString());
        Map<String, Long> reasons = s.rejectReasons();
        assertEquals(5L, reasons.get("UNPARSEABLE_FIELD"), reasons::toString); // 2 strike + 720, 730, 750 calls
        assertEquals(1L, reasons.get("PRICE_OUT_OF_RANGE"));
        assertEquals(3L, reasons.get("NOT_A_CONTRACT"));
        assertEquals(2L, reasons.get("EXPIRY_TOO_FAR"));
        assertEquals(2L, reasons.get("STRIKE_OUT_OF_RANGE"));
        assertEquals(1L, reasons.get("NO_PRICE"));
        assertEquals(s.rejected(), c.rejects().size(), "every rejected row is in the chain's rejects");
        assertEquals(14, c.rejects().size());
        assertTrue(c.rejects().stream().allMatch(x -> x.detail() != null && !x.detail().isBlank()));
        assertTrue(c.rejects().stream().anyMatch(x -> x.detail().contains("callPrice is not a finite number: 'abc'")),
                c.rejects()::toString);
        assertTrue(c.quotes().stream().allMatch(q -> q.strike() < 1000 && !(q.last() > 1000)));
    }

    @Test
    void aRealDeepInTheMoneyStrikeIsNotAnAbsurdOne() {
        // NVDA lists a 0.50 strike at a spot of about 215 (us-options, every day): a bound of spot/100 lost it.
        Path f = Fixtures.write(dir, "2026-06-18/NVDA.json", "{\"header\":{\"underlyingPrice\":215.33},"
                + "\"contracts\":[" + contract("2026-07-17", "0.50", "214.8", "300", "0.01", "250") + "]}");
        Recorder r = new Recorder();
        IngestSummary s = ingest(r, f);
        assertEquals(2, r.stored.get(0).quotes().size(), s.rejectReasons()::toString);
    }

    @Test
    void tickersNanAndNullAreNamesNotMissingValues() {
        // Old code: the CSV reader read the text NAN and NULL as an empty cell, rejecting every row.
        Path f = Fixtures.write(dir, "tickers.csv", """
                quote_date,underlying,underlying_price,expiration,strike,option_type,bid,ask
                2026-07-01,NAN,100,2026-08-21,100,C,4.0,4.2
                2026-07-01,NULL,50,2026-08-21,50,C,2.0,2.2
                """);
        Recorder r = new Recorder();
        IngestSummary s = ingest(r, f);
        assertEquals(List.of("NAN", "NULL"), r.stored.stream().map(SessionChain::underlying).sorted().toList());
        assertEquals(0, s.rejected());
    }

    @Test
    void everyCsvLayoutRejectsAbsurdMagnitudesRowByRow() {
        Path generic = Fixtures.write(dir, "g/generic.csv", """
                quote_date,underlying,underlying_price,expiration,strike,option_type,bid,ask,rate
                2026-07-01,XYZ,100,2026-08-21,100,C,4.0,4.2,0.04
                2026-07-01,XYZ,100,2026-08-21,100,P,3.8,4.0,0.04
                2026-07-01,XYZ,100,2026-08-21,105,C,1e308,1e308,0.04
                2026-07-01,XYZ,100,2026-08-21,200000,C,0.01,0.02,0.04
                2026-07-01,XYZ,100,9999-12-31,100,C,4.0,4.2,0.04
                2026-07-01,XYZ,100,2026-08-21,95,P,1.0,1.1,4.5
                2026-07-01,XYZ,100,2026-08-21,95,C,Infinity,7,0.04
                2026-07-01,XYZ,1e9,2026-08-21,90,P,1.0,1.1,0.04
                """);
        Recorder r = new Recorder();
        IngestSummary s = ingest(r, generic);
        assertEquals(2, r.stored.get(0).quotes().size(), () -> r.stored.get(0).rejects().toString());
        assertEquals(Map.of("PRICE_OUT_OF_RANGE", 1L, "STRIKE_OUT_OF_RANGE", 1L, "EXPIRY_TOO_FAR", 1L,
                "RATE_OUT_OF_RANGE", 1L, "UNPARSEABLE_FIELD", 1L, "UNDERLYING_PRICE_OUT_OF_RANGE", 1L),
                s.rejectReasons());
        assertEquals(100, r.stored.get(0).spot(), "the median spot shrugs off the 1e9 row");
    }

    @Test
    void deribitRejectsAnAbsurdCoinPremiumInUsd() {
        // 0.05 BTC is a fine premium; 50 BTC for a call on one BTC is not (ten times the underlying, in USD).
        Path f = Fixtures.write(dir, "crypto.csv", deribitHeader()
                + "2026-07-04 12:00:00,deribit,BTC,x,2026-07-31,60000,call,0.05,0.049,0.051,45.0,,,,,10,1,60000\n"
                + "2026-07-04 12:00:00,deribit,BTC,x,2026-07-31,60000,put,0.05,0.049,0.051,45.0,,,,,10,1,60000\n"
                + "2026-07-04 12:00:00,deribit,BTC,x,2026-07-31,62000,call,50,49,51,45.0,,,,,10,1,60000\n");
        Recorder r = new Recorder();
        IngestSummary s = ingest(r, f);
        assertEquals(2, r.stored.get(0).quotes().size());
        assertEquals(Map.of("PRICE_OUT_OF_RANGE", 1L), s.rejectReasons());
    }

    // ---- item 3: the unit of a vendor IV column is decided per chain, and said

    private static String deribitHeader() {
        return "snapshot_utc,exchange,underlying,instrument,expiry,strike,type,mark_price,bid,ask,mark_iv,delta,gamma,"
                + "vega,theta,open_interest,volume_24h,underlying_price\n";
    }

    /** A Deribit-layout file of one venue whose mark_iv is {@code ivScale} x the decimal vol of its prices. */
    private Path cryptoFile(String name, String venue, double ivScale) {
        double f = 60000;
        double t = (27 + 20.0 / 24) / 365; // 2026-07-04 12:00 UTC to 2026-08-01 08:00 UTC
        StringBuilder sb = new StringBuilder(deribitHeader());
        for (int k = 54000; k <= 66000; k += 2000) {
            double vol = 0.40 + 0.5 * Math.pow(Math.log(k / f), 2);
            for (boolean call : new boolean[] {true, false}) {
                double coin = BlackFormula.price(f, k, vol, t, call) / f;
                sb.append(String.format(Locale.ROOT, "2026-07-04 12:00:00,%s,BTC,x,2026-08-01,%d,%s,%.8f,%.8f,%.8f,"
                        + "%.6f,,,,,10,1,%.1f%n", venue, k, call ? "call" : "put", coin, coin * 0.99, coin * 1.01,
                        vol * ivScale, f));
            }
        }
        return Fixtures.write(dir, name, sb.toString());
    }

    private static double meanVendorIv(SessionChain c) {
        return c.quotes().stream().mapToDouble(OptionQuote::vendorIv).average().orElseThrow();
    }

    @Test
    void markIvUnitFollowsTheVenueOrIsDetectedAndIsReported() {
        // Old code divided every mark_iv by 100: a venue writing decimals got vols 100x too small, silently.
        Recorder deribit = new Recorder();
        IngestSummary sd = ingest(deribit, cryptoFile("deribit.csv", "deribit", 100));
        Recorder okx = new Recorder();
        IngestSummary so = ingest(okx, cryptoFile("okx.csv", "okx", 1));
        Recorder unknown = new Recorder();
        IngestSummary su = ingest(unknown, cryptoFile("other.csv", "somevenue", 1));
        Recorder unknownPercent = new Recorder();
        IngestSummary sp = ingest(unknownPercent, cryptoFile("other-pct.csv", "othervenue", 100));

        for (Recorder r : List.of(deribit, okx, unknown, unknownPercent)) {
            double mean = meanVendorIv(r.stored.get(0));
            assertTrue(mean > 0.39 && mean < 0.5, "vendor IV stored as a decimal vol: " + mean);
        }
        assertEquals("percent", sd.ivUnits().get(0).unit());
        assertEquals("exchange deribit", sd.ivUnits().get(0).basis());
        assertEquals("decimal", so.ivUnits().get(0).unit());
        assertEquals("exchange okx", so.ivUnits().get(0).basis());
        assertEquals("decimal", su.ivUnits().get(0).unit());
        assertEquals("detected", su.ivUnits().get(0).basis());
        assertTrue(su.ivUnits().get(0).example().contains("median vendor/own IV ratio"), su.ivUnits().toString());
        assertEquals("percent", sp.ivUnits().get(0).unit());
        assertEquals("mark_iv", sp.ivUnits().get(0).column());
        assertTrue(su.toText().contains("vendor IV mark_iv read as decimal (detected)"), su.toText());
    }

    @Test
    void genericImpliedVolatilityInPercentIsDetected() {
        double s = 100;
        double t = (double) java.time.Duration.between(java.time.Instant.parse("2026-07-01T20:00:00Z"),
                java.time.Instant.parse("2026-08-21T20:00:00Z")).toSeconds() / (365 * 86400.0);
        StringBuilder sb = new StringBuilder("quote_date,underlying,underlying_price,expiration,strike,option_type,"
                + "bid,ask,implied_volatility\n");
        for (int k = 90; k <= 110; k += 5) {
            for (boolean call : new boolean[] {true, false}) {
                double p = BlackFormula.price(s, k, 0.25, t, call);
                sb.append(String.format(Locale.ROOT, "2026-07-01,XYZ,100,2026-08-21,%d,%s,%.4f,%.4f,25.0%n", k,
                        call ? "C" : "P", p * 0.99, p * 1.01));
            }
        }
        Recorder r = new Recorder();
        IngestSummary summary = ingest(r, Fixtures.write(dir, "pct.csv", sb.toString()));
        assertEquals(0.25, meanVendorIv(r.stored.get(0)), 1e-12, "25.0 read as percent, not as 2,500%");
        assertEquals("percent", summary.ivUnits().get(0).unit());
        assertEquals("implied_volatility", summary.ivUnits().get(0).column());
    }

    @Test
    void usOptionsPercentIvsAreConfirmedAndNoted() {
        Recorder r = new Recorder();
        IngestSummary s = ingest(r, Fixtures.write(dir, "2026-06-18/SPY.json", chain(goodContracts())));
        assertEquals("percent", s.ivUnits().get(0).unit());
        assertEquals("callIv/putIv", s.ivUnits().get(0).column());
        assertEquals(1, s.ivUnits().get(0).sessions());
        OptionQuote q = r.stored.get(0).quotes().stream()
                .filter(x -> x.strike() == 700 && x.type() == OptionType.CALL).findFirst().orElseThrow();
        assertEquals(0.1365, q.vendorIv(), 1e-15);
        assertTrue(s.emptySessions().isEmpty());
        assertTrue(s.rejectReasons().isEmpty(), s.rejectReasons()::toString);
    }
}
