package io.volsurf.forecaster.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.calendar.SessionMapper;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsOptionsJsonReaderTest {

    @TempDir
    Path dir;

    private static String contract(String expiry, double strike, double call, double callIv, double put,
            double putIv) {
        String k = String.format("%.2f", strike);
        return String.format("{\"callOption\":\"%s_%s_Call\",\"callPrice\":%s,\"callDelta\":0.5,\"callVolume\":10,"
                + "\"callIv\":%s,\"callOi\":100,\"putOption\":\"%s_%s_Put\",\"putPrice\":%s,\"putDelta\":-0.5,"
                + "\"putVolume\":5,\"putIv\":%s,\"putOi\":50}", expiry, k, call, callIv, expiry, k, put, putIv);
    }

    private static String chain(String header, String sameDayExpiry) {
        return "{\"header\":" + header + ",\"contracts\":["
                + contract(sameDayExpiry, 700, 1.5, 12.0, 0.5, 13.0) + ","
                + contract("2026-07-17", 690, 14.2, 14.0, 3.9, 15.5) + ","
                + contract("2026-07-17", 700, 7.8, 13.65, 7.3, 14.0) + ","
                + contract("2026-07-17", 710, 3.1, 12.5, 12.9, 0.0) + ","
                + contract("2026-07-17", 720, 0.0, -1.0, 21.0, 16.0) + "]}";
    }

    @Test
    void readsBothSidesPercentIvsAndRejectsSameDayExpiry() {
        Path f = Fixtures.gzip(dir, "2026-06-18/SPY.json.gz", chain("{\"underlyingPrice\":700.25}", "2026-06-18"));
        Fixtures.Run run = Fixtures.ingest(f);
        SessionChain c = run.chains().get(0);
        assertEquals("SPY", c.underlying());
        assertEquals(LocalDate.of(2026, 6, 18), c.session());
        assertEquals(Instant.parse("2026-06-18T20:00:00Z"), c.snapshot());
        assertEquals(SpotSource.HEADER, c.spotSource());
        assertEquals(700.25, c.spot());
        // 10 sides: 2 same-day EXPIRED, 1 with price 0 and IV -1 rejected, 7 accepted
        assertEquals(7, c.quotes().size());
        assertEquals(2, run.summary().rejectReasons().get("EXPIRED"));
        assertEquals(1, run.summary().rejectReasons().get("IV_MISSING_OR_NON_POSITIVE"));
        OptionQuote q = c.quotes().stream().filter(x -> x.strike() == 700 && x.type() == OptionType.CALL)
                .findFirst().orElseThrow();
        assertEquals(0.1365, q.vendorIv(), 1e-15);
        assertEquals(7.8, q.last());
        assertTrue(Double.isNaN(q.bid()) && Double.isNaN(q.mid()));
        assertEquals(7.8, q.referencePrice());
        assertEquals(700.25, q.underlyingPrice());
        OptionQuote zeroIv = c.quotes().stream().filter(x -> x.strike() == 710 && x.type() == OptionType.PUT)
                .findFirst().orElseThrow();
        assertTrue(Double.isNaN(zeroIv.vendorIv()), "IV 0 is kept as missing, the quote has a price");
    }

    @Test
    void nullUnderlyingPriceIsInferredByParity() {
        Path f = Fixtures.write(dir, "2026-06-10/qqq.json", chain("{}", "2026-06-10"));
        SessionChain c = Fixtures.ingest(f).chains().get(0);
        assertEquals("QQQ", c.underlying());
        assertEquals(SpotSource.PUT_CALL_PARITY, c.spotSource());
        // pairs on 2026-07-17: 690: 700.3, 700: 700.5, 710: 700.2 -> median 700.3
        assertEquals(700.3, c.spot(), 1e-9);
    }

    @Test
    void holidayFoldersAreDroppedOrAttributed() {
        Fixtures.write(dir, "us/2026-06-18/SPY.json", chain("{\"underlyingPrice\":700}", "2026-06-18"));
        Fixtures.write(dir, "us/2026-06-19/SPY.json", chain("{\"underlyingPrice\":700}", "2026-06-18"));
        Fixtures.write(dir, "us/2026-06-22/SPY.json", chain("{\"underlyingPrice\":702}", "2026-06-22"));
        Fixtures.write(dir, "us/2026-05-25/SPY.json", chain("{\"underlyingPrice\":690}", "2026-05-26"));
        Fixtures.write(dir, "us/README.md", "not a chain");
        Fixtures.Run run = Fixtures.ingest(dir.resolve("us"));
        IngestSummary s = run.summary();
        assertTrue(s.allFilesRead(), s.filesFailed().toString());
        assertEquals(4, s.files());
        assertEquals(1, s.skippedFiles().size());
        assertEquals(3, s.sessions());
        assertEquals(LocalDate.of(2026, 5, 22), run.chains().get(0).session(), "date order, 05-25 first");
        assertEquals(LocalDate.of(2026, 5, 25), run.chains().get(0).collectionDate());
        assertEquals(LocalDate.of(2026, 6, 18), run.chains().get(1).session());
        assertEquals(LocalDate.of(2026, 6, 22), run.chains().get(2).session());
        assertEquals(2, s.holidayFolders().size());
        HolidayFolder may = s.holidayFolders().get(0);
        assertEquals(SessionMapper.Action.ATTRIBUTED_TO_PREVIOUS, may.action());
        assertEquals(LocalDate.of(2026, 5, 22), may.session());
        HolidayFolder june = s.holidayFolders().get(1);
        assertEquals(SessionMapper.Action.DROPPED_REPEAT, june.action());
        assertEquals(LocalDate.of(2026, 6, 18), june.session());
        assertTrue(s.toText().contains("dropped"), s.toText());
    }

    @Test
    void strikeFastPathParsesExactlyAsParseDouble() {
        java.util.Random rnd = new java.util.Random(3);
        java.util.List<String> cases = new java.util.ArrayList<>(java.util.List.of("950.00", "0.5", ".5", "950.",
                "0", "0.00", "007.125", "123456789012345", "1234567890123456", "0.1234567890123456789",
                "99999999999999.9", "12.30e1", "-5.00", "+5", " 5.0", "5.0 ", "1,5", "NaN", "Infinity", "0x1p3",
                "5d", "", ".", "1.2.3"));
        for (int i = 0; i < 100_000; i++) {
            int intDigits = rnd.nextInt(8);
            int fracDigits = rnd.nextInt(9);
            StringBuilder sb = new StringBuilder();
            for (int d = 0; d < intDigits; d++) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            if (fracDigits > 0 || rnd.nextBoolean()) {
                sb.append('.');
            }
            for (int d = 0; d < fracDigits; d++) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            cases.add(sb.toString());
        }
        for (String c : cases) {
            String symbol = "2026-07-17_" + c + "_Call";
            int from = symbol.indexOf('_') + 1;
            int to = symbol.lastIndexOf('_');
            Double expected;
            try {
                expected = Double.parseDouble(c);
            } catch (NumberFormatException e) {
                expected = null;
            }
            Double actual;
            try {
                actual = UsOptionsJsonReader.parseDecimal(symbol, from, to);
            } catch (NumberFormatException e) {
                actual = null;
            }
            if (expected == null || actual == null) {
                assertEquals(expected, actual, "'" + c + "'");
            } else {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), "'" + c + "'");
            }
        }
    }
}
