package io.volsurf.forecaster.ingest;

import static io.volsurf.forecaster.ingest.CsvHeader.cell;

import io.volsurf.forecaster.calendar.SessionClock;
import io.volsurf.forecaster.market.PriceUnit;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CBOE DataShop "Option EOD Summary" CSV, from its public column list: {@code underlying_symbol,
 * quote_date, root, expiration, strike, option_type, open, high, low, close, trade_volume,
 * bid_size_1545, bid_1545, ask_size_1545, ask_1545, underlying_bid_1545, underlying_ask_1545,
 * implied_underlying_price_1545, active_underlying_price_1545, implied_volatility_1545, delta_1545,
 * ..., bid_size_eod, bid_eod, ask_size_eod, ask_eod, underlying_bid_eod, underlying_ask_eod, vwap,
 * open_interest, delivery_code}.
 * <p>
 * Quotes are the end-of-day ones ({@code bid_eod}/{@code ask_eod}, snapshot at the close), falling
 * back to the 15:45 ones when a file lacks them. The underlying price is the mid of the underlying
 * quote at the same time, else {@code active_underlying_price_1545}, else
 * {@code implied_underlying_price_1545}, else inferred by parity. {@code close} is the last trade (0 =
 * no trade). The vendor IV is {@code implied_volatility_1545} (decimal). A leading {@code ^} of index
 * symbols is dropped. AM-settled index roots (SPX, NDX, RUT, VIX) expire at 09:30 New York. Two roots
 * on the same expiry and strike (SPX and SPXW) are treated as duplicates: the more liquid is kept.
 */
public final class CboeEodCsvReader implements ChainReader {

    static final List<String> REQUIRED = List.of("underlying_symbol", "quote_date", "expiration", "strike",
            "option_type");
    private static final Set<String> AM_SETTLED_ROOTS = Set.of("SPX", "NDX", "RUT", "VIX");
    private static final LocalTime AM_SETTLEMENT = LocalTime.of(9, 30);

    static final IvUnitRule IV_RULE = IvUnitRule.detect("implied_volatility_1545", IvUnit.DECIMAL,
            "CBOE documents decimal");

    private final SessionClock clock;

    public CboeEodCsvReader() {
        this(SessionClock.US_EQUITY);
    }

    public CboeEodCsvReader(SessionClock clock) {
        this.clock = clock;
    }

    @Override
    public ChainFormat format() {
        return ChainFormat.CBOE;
    }

    @Override
    public Iterator<SessionChain> read(Path file, InputStream content, IngestNotes notes) {
        BufferedReader reader = CsvReaders.reader(content);
        CsvHeader h = CsvReaders.header(file, reader);
        h.require(file, REQUIRED);
        boolean eod = h.index("bid_eod") >= 0 && h.index("ask_eod") >= 0;
        String suffix = eod ? "_eod" : "_1545";
        int und = h.index("underlying_symbol");
        int date = h.index("quote_date");
        int root = h.index("root");
        int exp = h.index("expiration");
        int strike = h.index("strike");
        int type = h.index("option_type");
        int close = h.index("close");
        int vol = h.index("trade_volume");
        int bid = h.index("bid" + suffix);
        int ask = h.index("ask" + suffix);
        int ubid = h.index("underlying_bid" + suffix);
        int uask = h.index("underlying_ask" + suffix);
        int active = h.index("active_underlying_price_1545");
        int implied = h.index("implied_underlying_price_1545");
        int iv = h.index("implied_volatility_1545");
        int oi = h.index("open_interest");
        Map<LocalDate, Instant> closes = new HashMap<>();
        CsvChainIterator.RowParser parser = (c, line) -> {
            String symbol = Fields.text("underlying_symbol", cell(c, und));
            symbol = (symbol.startsWith("^") ? symbol.substring(1) : symbol).toUpperCase(Locale.ROOT);
            LocalDate session = Fields.date("quote_date", cell(c, date));
            Instant snapshot = eod ? closes.computeIfAbsent(session, clock::closeInstant)
                    : session.atTime(15, 45).atZone(clock.zone()).toInstant();
            LocalDate expiry = Fields.date("expiration", cell(c, exp));
            String r = cell(c, root).trim().toUpperCase(Locale.ROOT);
            Instant expiryInstant = AM_SETTLED_ROOTS.contains(r)
                    ? expiry.atTime(AM_SETTLEMENT).atZone(clock.zone()).toInstant()
                    : clock.expiryInstant(expiry);
            double last = Fields.optionalNumber("close", cell(c, close));
            return new RawRow(line, symbol, session, snapshot, expiry, expiryInstant,
                    Fields.number("strike", cell(c, strike)), Fields.optionType("option_type", cell(c, type)),
                    Fields.optionalNumber("bid" + suffix, cell(c, bid)),
                    Fields.optionalNumber("ask" + suffix, cell(c, ask)), last == 0 ? Double.NaN : last, Double.NaN,
                    PriceUnit.QUOTE_CURRENCY, Fields.optionalNumber("implied_volatility_1545", cell(c, iv)), IV_RULE,
                    Fields.optionalNumber("trade_volume", cell(c, vol)),
                    Fields.optionalNumber("open_interest", cell(c, oi)),
                    underlyingPrice(c, suffix, ubid, uask, active, implied), Double.NaN, Double.NaN);
        };
        return new CsvChainIterator(file, reader, h.delimiter(), parser, ChainFormat.CBOE,
                SpotSource.ROW_UNDERLYING_PRICE, notes);
    }

    private static double underlyingPrice(String[] c, String suffix, int ubid, int uask, int active, int implied) {
        double b = Fields.optionalNumber("underlying_bid" + suffix, cell(c, ubid));
        double a = Fields.optionalNumber("underlying_ask" + suffix, cell(c, uask));
        if (b > 0 && a >= b) {
            return 0.5 * (a + b);
        }
        double act = Fields.optionalNumber("active_underlying_price_1545", cell(c, active));
        if (act > 0) {
            return act;
        }
        double imp = Fields.optionalNumber("implied_underlying_price_1545", cell(c, implied));
        // An empty or zero underlying quote means "not recorded": infer it from the chain instead.
        return imp > 0 ? imp : Double.NaN;
    }
}
