package io.volsurf.forecaster.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericCsvReaderTest {

    @TempDir
    Path dir;

    // Header in mixed case with an extra column; every reject reason has a row (line numbers in comments).
    static final String CHAIN = """
            Quote_Date,UNDERLYING,underlying_price,expiration,strike,option_type,bid,ask,volume,open_interest,implied_volatility,note,rate
            2026-07-06,spy,700,2026-07-17,700,C,10.0,10.4,100,1000,0.15,x
            2026-07-06,spy,700,2026-07-17,700,P,9.0,9.4,100,1000,0.16,x
            2026-07-06,spy,700,2026-07-17,710,C,5.0,5.2,100,1000,0.14,x
            2026-07-06,spy,700,2026-07-17,71x,C,5.0,5.2,100,1000,0.14,unparseable
            2026-07-06,spy,700,2026-07-17,720,,5.0,5.2,100,1000,0.14,missing type
            2026-07-06,spy,-5,2026-07-17,730,C,5.0,5.2,100,1000,0.14,negative underlying
            2026-07-06,spy,700,2026-07-17,0,C,5.0,5.2,100,1000,0.14,zero strike
            2026-07-06,spy,700,2026-07-17,740,C,-1,5.2,100,1000,0.14,negative bid
            2026-07-06,spy,700,2026-07-17,750,C,3.0,2.0,100,1000,0.14,crossed
            2026-07-06,spy,700,2026-07-17,760,C,0,0,100,1000,,no price no iv
            2026-07-06,spy,700,2026-07-17,770,C,0,0,100,1000,0,iv zero
            2026-07-06,spy,700,2026-07-06,700,C,1,1.2,100,1000,0.2,expired today
            2026-07-06,spy,700,2026-07-17,710,C,5.0,5.3,1,10,0.14,duplicate less liquid
            2026-07-06,zzz,,2026-07-17,50,C,1,1.1,1,1,,no spot and no pair
            2026-07-06,spy,700,2026-07-17,780,C,0,0,1,1,0.3,iv only quote is accepted
            2026-07-06,spy,700,2099-07-17,700,C,10.0,10.4,100,1000,0.15,expiry too far
            2026-07-06,spy,700,2026-07-17,800000,C,0.01,0.02,100,1000,0.15,strike out of range
            2026-07-06,spy,700,2026-07-17,715,C,1e308,1e308,100,1000,0.15,price out of range
            2026-07-06,spy,7000000,2026-07-17,725,C,1,1.1,100,1000,0.15,underlying out of range
            2026-07-06,spy,700,2026-07-17,735,C,1,1.1,100,1000,1e5,vendor iv out of range
            2026-07-06,spy,700,2026-07-17,745,C,1,1.1,-3,1000,0.15,negative volume
            2026-07-06,spy,700,2026-07-17,755,C,1,1.1,100,1000,0.15,rate out of range,5
            2026-07-07,spy,701,2026-07-17,700,C,10.5,10.9,100,1000,0.15,next day
            2026-07-06,spy,700,2026-07-17,705,C,7,7.4,100,1000,0.15,out of order
            """;

    @Test
    void everyRejectReasonIsReachableAndCounted() {
        Fixtures.Run run = Fixtures.ingest(Fixtures.write(dir, "chain.csv", CHAIN));
        IngestSummary s = run.summary();
        assertTrue(s.allFilesRead(), s.filesFailed().toString());
        Map<RejectReason, Long> byReason = run.rejects().stream()
                .collect(Collectors.groupingBy(Reject::reason, Collectors.counting()));
        // NOT_A_CONTRACT is JSON's; INVALID_VALUE is a safety net the checks before it leave nothing to
        EnumSet<RejectReason> reachable = EnumSet.complementOf(EnumSet.of(RejectReason.NOT_A_CONTRACT,
                RejectReason.INVALID_VALUE));
        assertEquals(reachable, EnumSet.copyOf(byReason.keySet()), byReason.toString());
        assertTrue(byReason.values().stream().allMatch(n -> n == 1), byReason.toString());
        assertEquals(reachable.size(), s.rejected());
        assertEquals(5, s.accepted()); // 700C, 700P, 710C (more liquid), 780C (IV only), 700C next day
        assertEquals(2, s.sessions()); // SPY 07-06, SPY 07-07; ZZZ 07-06 has nothing accepted:
        assertEquals("ZZZ", s.emptySessions().get(0).ticker());
        assertEquals(s.rejected(), s.rejectReasons().values().stream().mapToLong(Long::longValue).sum());
        // line numbers count the header as line 1
        Map<RejectReason, Long> lines = run.rejects().stream().collect(Collectors.toMap(Reject::reason, Reject::row));
        assertEquals(5L, lines.get(RejectReason.UNPARSEABLE_FIELD));
        assertEquals(14L, lines.get(RejectReason.DUPLICATE));
        assertEquals(25L, lines.get(RejectReason.OUT_OF_ORDER));
        assertTrue(run.rejects().stream().allMatch(r -> r.file().endsWith("chain.csv") && !r.detail().isBlank()));
        Reject unparseable = run.rejects().stream().filter(r -> r.reason() == RejectReason.UNPARSEABLE_FIELD)
                .findFirst().orElseThrow();
        assertTrue(unparseable.detail().contains("strike") && unparseable.detail().contains("71x"));
    }

    @Test
    void quotesCarryTheRowValues() {
        Fixtures.Run run = Fixtures.ingest(Fixtures.write(dir, "chain.csv", CHAIN));
        SessionChain spy = run.chains().get(0);
        assertEquals("SPY", spy.underlying());
        assertEquals(LocalDate.of(2026, 7, 6), spy.session());
        assertEquals(700.0, spy.spot());
        assertEquals(SpotSource.ROW_UNDERLYING_PRICE, spy.spotSource());
        assertEquals(Instant.parse("2026-07-06T20:00:00Z"), spy.snapshot());
        OptionQuote put = spy.quotes().stream().filter(q -> q.type() == OptionType.PUT).findFirst().orElseThrow();
        assertEquals(9.2, put.mid(), 1e-12);
        assertEquals(0.16, put.vendorIv());
        assertEquals(11.0 / 365.0, put.maturityYears(), 1e-12);
        OptionQuote kept710 = spy.quotes().stream().filter(q -> q.strike() == 710).findFirst().orElseThrow();
        assertEquals(1000, kept710.openInterest()); // the more liquid duplicate
        OptionQuote ivOnly = spy.quotes().stream().filter(q -> q.strike() == 780).findFirst().orElseThrow();
        assertEquals(0.3, ivOnly.vendorIv());
    }

    @Test
    void gzipIsDetectedByContentNotName() {
        Fixtures.Run plain = Fixtures.ingest(Fixtures.write(dir, "a/chain.csv", CHAIN));
        Fixtures.Run zipped = Fixtures.ingest(Fixtures.gzip(dir, "b/chain.csv", CHAIN));
        assertEquals(plain.summary().accepted(), zipped.summary().accepted());
        assertEquals(plain.summary().rejectReasons(), zipped.summary().rejectReasons());
    }

    @Test
    void missingUnderlyingPriceColumnIsInferredByParity() {
        String csv = """
                quote_date,underlying,expiration,strike,option_type,bid,ask
                2026-07-06,QQQ,2026-07-17,600,C,12.0,12.2
                2026-07-06,QQQ,2026-07-17,600,P,1.9,2.1
                2026-07-06,QQQ,2026-07-17,610,C,5.0,5.2
                2026-07-06,QQQ,2026-07-17,610,P,4.9,5.1
                2026-07-06,QQQ,2026-07-17,620,C,1.0,1.2
                2026-07-06,QQQ,2026-07-17,620,P,10.9,11.1
                """;
        SessionChain c = Fixtures.ingest(Fixtures.write(dir, "q.csv", csv)).chains().get(0);
        assertEquals(SpotSource.PUT_CALL_PARITY, c.spotSource());
        assertEquals(610.1, c.spot(), 1e-9); // median of 610.1, 610.1, 610.1
        assertTrue(c.quotes().stream().allMatch(q -> q.underlyingPrice() == c.spot()));
    }

    @Test
    void dateTimeQuoteDateGivesAnIntradaySnapshot() {
        String csv = """
                quote_date,underlying,underlying_price,expiration,strike,option_type,bid,ask
                2026-07-06T14:30:00Z,SPY,700,2026-07-07,700,C,3,3.2
                """;
        SessionChain c = Fixtures.ingest(Fixtures.write(dir, "t.csv", csv)).chains().get(0);
        assertEquals(Instant.parse("2026-07-06T14:30:00Z"), c.snapshot());
        // expiry 2026-07-07 16:00 EDT = 20:00Z: 29.5 hours
        assertEquals(29.5 / (365 * 24), c.quotes().get(0).maturityYears(), 1e-12);
        assertEquals(Set.of(), Set.copyOf(c.rejects()));
        assertEquals(List.of(), c.rejects());
    }
}
