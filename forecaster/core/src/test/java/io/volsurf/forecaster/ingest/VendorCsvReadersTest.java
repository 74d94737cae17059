package io.volsurf.forecaster.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deribit, CBOE DataShop EOD and OptionMetrics opprcd layouts, and layout detection. */
class VendorCsvReadersTest {

    @TempDir
    Path dir;

    static final String DERIBIT = """
            snapshot_utc,exchange,underlying,instrument,expiry,strike,type,mark_price,bid,ask,mark_iv,delta,gamma,vega,theta,open_interest,volume_24h,underlying_price
            2026-07-04 12:24:07,deribit,BTC,BTC-28AUG26-105000-C,2026-08-28,105000,call,0.00028704,0.0002,0.0005,49.63,,,,,161.3,0.0,62800.2
            2026-07-04 12:24:07,deribit,ETH,ETH-24JUL26-3000-P,2026-07-24,3000,put,0.05,0.049,0.051,55.0,,,,,10,1,2950.5
            2026-07-04 12:24:07,deribit,BTC,BTC-24JUL26-56000-P,2026-07-24,56000,put,0.00741627,0.007,0.0075,45.14,,,,,23.3,3.8,62586.53
            2026-07-04 12:24:07,deribit,BTC,BTC-24JUL26-30000-P,2026-07-24,30000,put,0.0001,,0.0005,80.1,,,,,5,0,62586.53
            """;

    @Test
    void deribitKeepsCoinPremiumsPerRowForwardsAndSplitsUnderlyings() {
        Fixtures.Run run = Fixtures.ingest(Fixtures.gzip(dir, "2026-07-04.csv.gz", DERIBIT));
        assertEquals(2, run.summary().sessions());
        assertEquals(0, run.summary().rejected());
        SessionChain btc = run.chain("BTC");
        assertEquals(3, btc.quotes().size());
        assertEquals(LocalDate.of(2026, 7, 4), btc.session());
        assertEquals(Instant.parse("2026-07-04T12:24:07Z"), btc.snapshot());
        assertEquals(62586.53, btc.spot(), "nearest expiry's forward");
        OptionQuote q = btc.quotes().stream().filter(x -> x.strike() == 56000).findFirst().orElseThrow();
        assertEquals(PriceUnit.UNDERLYING, q.priceUnit());
        assertEquals(OptionType.PUT, q.type());
        assertEquals(0.4514, q.vendorIv(), 1e-15);
        assertEquals(0.00725 * 62586.53, q.midUsd(), 1e-9);
        assertEquals(0.00741627, q.mark());
        // 08:00 UTC expiry, snapshot at 12:24:07: intraday ACT/365F
        double seconds = (20 * 86400) + (8 * 3600) - (12 * 3600 + 24 * 60 + 7);
        assertEquals(seconds / (365 * 86400.0), q.maturityYears(), 1e-15);
        OptionQuote noBid = btc.quotes().stream().filter(x -> x.strike() == 30000).findFirst().orElseThrow();
        assertTrue(Double.isNaN(noBid.bid()) && Double.isNaN(noBid.mid()));
        assertEquals(0.0001, noBid.referencePrice(), "falls back to the mark");
        assertEquals(2950.5, run.chain("ETH").spot());
    }

    static final String CBOE = """
            underlying_symbol,quote_date,root,expiration,strike,option_type,open,high,low,close,trade_volume,bid_size_1545,bid_1545,ask_size_1545,ask_1545,underlying_bid_1545,underlying_ask_1545,implied_underlying_price_1545,active_underlying_price_1545,implied_volatility_1545,delta_1545,gamma_1545,theta_1545,vega_1545,rho_1545,bid_size_eod,bid_eod,ask_size_eod,ask_eod,underlying_bid_eod,underlying_ask_eod,vwap,open_interest,delivery_code
            ^SPX,2026-07-06,SPXW,2026-07-17,7000.000,C,0,0,0,55.2,120,10,54.0,10,55.0,6990,6991,6995.1,6990.5,0.1523,0.5,0.001,-1,5,1,12,54.5,15,55.5,6999,7001,55.0,1500,
            ^SPX,2026-07-06,SPX,2026-07-17,7000.000,P,0,0,0,0,0,10,50.0,10,51.0,6990,6991,6995.1,6990.5,0.1623,-0.5,0.001,-1,5,1,12,50.5,15,51.5,6999,7001,0,900,
            """;

    @Test
    void cboeUsesEodQuotesUnderlyingMidAndAmSettlement() {
        Fixtures.Run run = Fixtures.ingest(Fixtures.write(dir, "UnderlyingOptionsEODCalcs_2026-07-06.csv", CBOE));
        assertEquals(0, run.summary().rejected(), run.rejects().toString());
        SessionChain spx = run.chain("SPX");
        assertEquals(ChainFormat.CBOE, spx.format());
        assertEquals(7000.0, spx.spot());
        OptionQuote call = spx.quotes().stream().filter(q -> q.type() == OptionType.CALL).findFirst().orElseThrow();
        assertEquals(54.5, call.bid());
        assertEquals(55.5, call.ask());
        assertEquals(55.2, call.last());
        assertEquals(0.1523, call.vendorIv());
        assertEquals(Instant.parse("2026-07-17T20:00:00Z"), call.expiryInstant(), "SPXW: PM settled");
        OptionQuote put = spx.quotes().stream().filter(q -> q.type() == OptionType.PUT).findFirst().orElseThrow();
        assertTrue(Double.isNaN(put.last()), "close 0 = no trade");
        assertEquals(Instant.parse("2026-07-17T13:30:00Z"), put.expiryInstant(), "SPX: AM settled");
    }

    static final String OPPRCD = """
            secid,date,symbol,symbol_flag,exdate,last_date,cp_flag,strike_price,best_bid,best_offer,volume,open_interest,impl_volatility,delta,gamma,vega,theta,optionid,cfadj,am_settlement,contract_size,ss_flag,forward_price,expiry_indicator
            109820,2015-01-02,SPY 150117C205000,1,2015-01-17,2015-01-02,C,205000,1.5,1.56,1000,20000,0.1284,0.45,0.05,10,-5,1,1,0,100,0,205.1,
            109820,2015-01-02,SPY 150117P205000,1,2015-01-17,2015-01-02,P,205000,1.44,1.5,1000,20000,0.1301,-0.55,0.05,10,-5,2,1,0,100,0,205.1,
            109820,2015-01-02,SPY 150117C206000,1,2015-01-17,2015-01-02,C,206000,1.0,1.06,1000,20000,0.1250,0.45,0.05,10,-5,3,1,0,100,0,205.1,
            109820,2015-01-02,SPY 150117P206000,1,2015-01-17,2015-01-02,P,206000,1.94,2.0,1000,20000,0.1301,-0.55,0.05,10,-5,4,1,0,100,0,205.1,
            109820,2015-01-02,SPY 150117C204000,1,2015-01-17,2015-01-02,C,204000,2.1,2.16,1000,20000,-99.99,0.45,0.05,10,-5,5,1,0,100,0,205.1,
            109820,2015-01-02,SPY 150117P204000,1,2015-01-17,2015-01-02,P,204000,1.04,1.1,1000,20000,0.1350,-0.55,0.05,10,-5,6,1,0,100,0,205.1,
            109820,2015-01-05,SPY 150117C205000,1,2015-01-17,2015-01-05,C,205000,0.8,0.86,1000,20000,0.1384,0.45,0.05,10,-5,1,1,0,100,0,202.1,
            """;

    @Test
    void optionMetricsScalesStrikesInfersSpotAndMovesSaturdayExpiries() {
        Fixtures.Run run = Fixtures.ingest(Fixtures.write(dir, "opprcd2015.csv", OPPRCD));
        // two dates streamed as two sessions; the second has nothing accepted, so it is reported, not stored
        assertEquals(1, run.summary().sessions());
        assertEquals(1, run.summary().emptySessions().size());
        assertEquals(LocalDate.of(2015, 1, 5), run.summary().emptySessions().get(0).session());
        // the second day has a lone call: no pair to infer its spot from
        assertEquals(java.util.Map.of("SPOT_NOT_INFERABLE", 1L), run.summary().rejectReasons());
        SessionChain first = run.chains().get(0);
        assertEquals("SECID109820", first.underlying());
        assertEquals(LocalDate.of(2015, 1, 2), first.session());
        assertEquals(SpotSource.PUT_CALL_PARITY, first.spotSource());
        // pairs: 205: 205.06, 206: 205.06, 204: 205.06
        assertEquals(205.06, first.spot(), 1e-9);
        OptionQuote q = first.quotes().stream().filter(x -> x.strike() == 204 && x.type() == OptionType.CALL)
                .findFirst().orElseThrow();
        assertTrue(Double.isNaN(q.vendorIv()), "-99.99 = not computed");
        assertEquals(LocalDate.of(2015, 1, 16), q.expiry(), "Saturday exdate -> Friday");
        assertTrue(run.empty().get(0).quotes().isEmpty() && Double.isNaN(run.empty().get(0).spot()));
    }

    @Test
    void detectionFromContent() {
        assertEquals(ChainFormat.DERIBIT, ChainFormat.detect(DERIBIT));
        assertEquals(ChainFormat.CBOE, ChainFormat.detect(CBOE));
        assertEquals(ChainFormat.OPTIONMETRICS, ChainFormat.detect(OPPRCD));
        assertEquals(ChainFormat.OPTIONMETRICS, ChainFormat.detect(OPPRCD.replace(',', '\t')));
        assertEquals(ChainFormat.GENERIC, ChainFormat.detect(GenericCsvReaderTest.CHAIN));
        assertEquals(ChainFormat.US_OPTIONS, ChainFormat.detect("\n  {\"header\":{}}"));
        assertNull(ChainFormat.detect("a,b,c\n1,2,3"));
        assertNull(ChainFormat.fromCliName("auto"));
        assertEquals(ChainFormat.OPTIONMETRICS, ChainFormat.fromCliName("optionmetrics"));
        assertEquals(ChainFormat.US_OPTIONS, ChainFormat.fromCliName("US-OPTIONS"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChainFormat.fromCliName("bloomberg"));
        assertTrue(e.getMessage().contains("--format") && e.getMessage().contains("cboe"));
    }

    @Test
    void tabSeparatedOptionMetrics() {
        Fixtures.Run run = Fixtures.ingest(Fixtures.write(dir, "opprcd.txt", OPPRCD.replace(',', '\t')));
        assertEquals(6, run.summary().accepted());
    }
}
