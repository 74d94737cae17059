package io.volsurf.forecaster.ingest;

import static io.volsurf.forecaster.ingest.CsvHeader.cell;

import io.volsurf.forecaster.calendar.SessionClock;
import io.volsurf.forecaster.market.PriceUnit;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OptionMetrics IvyDB {@code opprcd} (option prices), as exported with a header row (comma or tab
 * separated), from its public column description: {@code secid, date, symbol, symbol_flag, exdate,
 * last_date, cp_flag, strike_price, best_bid, best_offer, volume, open_interest, impl_volatility,
 * delta, gamma, vega, theta, optionid, cfadj, am_settlement, contract_size, ss_flag, forward_price,
 * expiry_indicator, ...}.
 * <ul>
 * <li>{@code strike_price} is the strike times 1000.</li>
 * <li>{@code impl_volatility} is decimal; -99.99 (or empty) means not computed.</li>
 * <li>The underlying price is not in {@code opprcd} (it lives in {@code secprd}): taken from a merged
 * {@code close}/{@code underlying_price}/{@code prc} column when present (absolute value: IvyDB and
 * CRSP write a bid/ask average as a negative close), else inferred by put-call parity.</li>
 * <li>The underlying is named by a {@code ticker} column, else {@code SECID<n>} (not the option
 * symbol's root, which differs between SPX and SPXW series of one underlying), else the symbol root.</li>
 * <li>{@code am_settlement = 1}: expiry at 09:30 New York; a Saturday {@code exdate} (the pre-2015
 * convention for monthlies) is moved to the Friday before, the last trading day.</li>
 * <li>Best bid/offer are closing quotes: the snapshot is the session's close.</li>
 * </ul>
 * Headerless IvyDB text files are not detected (the layout is told from the header).
 */
public final class OptionMetricsReader implements ChainReader {

    static final List<String> REQUIRED = List.of("date", "exdate", "cp_flag", "strike_price", "best_bid",
            "best_offer");
    private static final double STRIKE_SCALE = 1000.0;
    private static final LocalTime AM_SETTLEMENT = LocalTime.of(9, 30);

    static final IvUnitRule IV_RULE = IvUnitRule.detect("impl_volatility", IvUnit.DECIMAL,
            "IvyDB documents decimal");

    private final SessionClock clock;

    public OptionMetricsReader() {
        this(SessionClock.US_EQUITY);
    }

    public OptionMetricsReader(SessionClock clock) {
        this.clock = clock;
    }

    @Override
    public ChainFormat format() {
        return ChainFormat.OPTIONMETRICS;
    }

    @Override
    public Iterator<SessionChain> read(Path file, InputStream content, IngestNotes notes) {
        BufferedReader reader = CsvReaders.reader(content);
        CsvHeader h = CsvReaders.header(file, reader);
        h.require(file, REQUIRED);
        int secid = h.index("secid");
        int ticker = h.index("ticker");
        int symbol = h.index("symbol");
        int date = h.index("date");
        int exdate = h.index("exdate");
        int cp = h.index("cp_flag");
        int strike = h.index("strike_price");
        int bid = h.index("best_bid");
        int ask = h.index("best_offer");
        int vol = h.index("volume");
        int oi = h.index("open_interest");
        int iv = h.index("impl_volatility");
        int am = h.index("am_settlement");
        int spot = h.index("underlying_price", "close", "prc", "spot");
        Map<LocalDate, Instant> closes = new HashMap<>();
        CsvChainIterator.RowParser parser = (c, line) -> {
            LocalDate session = Fields.date("date", cell(c, date));
            LocalDate expiry = Fields.date("exdate", cell(c, exdate));
            if (expiry.getDayOfWeek() == DayOfWeek.SATURDAY) {
                expiry = expiry.minusDays(1);
            }
            boolean amSettled = "1".equals(cell(c, am).trim());
            Instant expiryInstant = amSettled ? expiry.atTime(AM_SETTLEMENT).atZone(clock.zone()).toInstant()
                    : clock.expiryInstant(expiry);
            double vendorIv = Fields.optionalNumber("impl_volatility", cell(c, iv));
            double s = Fields.optionalNumber("underlying_price", cell(c, spot));
            Instant snapshot = closes.computeIfAbsent(session, clock::closeInstant);
            return new RawRow(line, underlying(c, ticker, symbol, secid), session, snapshot,
                    expiry, expiryInstant, Fields.number("strike_price", cell(c, strike)) / STRIKE_SCALE,
                    Fields.optionType("cp_flag", cell(c, cp)), Fields.optionalNumber("best_bid", cell(c, bid)),
                    Fields.optionalNumber("best_offer", cell(c, ask)), Double.NaN, Double.NaN,
                    PriceUnit.QUOTE_CURRENCY, vendorIv <= -99 ? Double.NaN : vendorIv, IV_RULE,
                    Fields.optionalNumber("volume", cell(c, vol)), Fields.optionalNumber("open_interest", cell(c, oi)),
                    s == 0 ? Double.NaN : Math.abs(s), Double.NaN, Double.NaN);
        };
        return new CsvChainIterator(file, reader, h.delimiter(), parser, ChainFormat.OPTIONMETRICS,
                SpotSource.ROW_UNDERLYING_PRICE, notes);
    }

    private static String underlying(String[] c, int ticker, int symbol, int secid) {
        String t = cell(c, ticker).trim();
        if (!t.isEmpty()) {
            return t.toUpperCase(Locale.ROOT);
        }
        String id = cell(c, secid).trim();
        if (!id.isEmpty()) {
            return "SECID" + id;
        }
        String s = Fields.text("symbol", cell(c, symbol));
        int sp = s.indexOf(' ');
        return (sp > 0 ? s.substring(0, sp) : s).toUpperCase(Locale.ROOT);
    }
}
