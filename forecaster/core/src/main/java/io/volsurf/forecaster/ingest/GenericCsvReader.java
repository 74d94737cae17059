package io.volsurf.forecaster.ingest;

import static io.volsurf.forecaster.ingest.CsvHeader.cell;

import io.volsurf.forecaster.calendar.SessionClock;
import io.volsurf.forecaster.market.PriceUnit;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generic CSV: {@code quote_date, underlying, underlying_price, expiration, strike,
 * option_type, bid, ask} and optionally {@code volume, open_interest, implied_volatility (decimal),
 * rate, dividend_yield, last, mark}. Header names are case-insensitive; extra columns are ignored.
 * {@code quote_date} is a date (the snapshot is then the session's close) or a date-time (the
 * snapshot itself; without an offset it is read in the market's zone). A missing
 * {@code underlying_price} column or cell is inferred from the chain by put-call parity.
 */
public final class GenericCsvReader implements ChainReader {

    /** Columns the layout must have. */
    public static final List<String> REQUIRED = List.of("quote_date", "underlying", "expiration", "strike",
            "option_type", "bid", "ask");

    /** The layout says decimal, but files written by other tools use percent: checked per chain. */
    static final IvUnitRule IV_RULE = IvUnitRule.detect("implied_volatility", IvUnit.DECIMAL,
            "the generic layout documents decimal");

    private final SessionClock clock;

    /** @param clock the market's calendar, close and expiry time (US equity for most chains) */
    public GenericCsvReader(SessionClock clock) {
        this.clock = clock;
    }

    @Override
    public ChainFormat format() {
        return ChainFormat.GENERIC;
    }

    @Override
    public Iterator<SessionChain> read(Path file, InputStream content, IngestNotes notes) {
        BufferedReader reader = CsvReaders.reader(content);
        CsvHeader h = CsvReaders.header(file, reader);
        h.require(file, REQUIRED);
        int date = h.index("quote_date");
        int und = h.index("underlying");
        int spot = h.index("underlying_price");
        int exp = h.index("expiration");
        int strike = h.index("strike");
        int type = h.index("option_type");
        int bid = h.index("bid");
        int ask = h.index("ask");
        int last = h.index("last", "last_price");
        int mark = h.index("mark", "mark_price");
        int vol = h.index("volume");
        int oi = h.index("open_interest");
        int iv = h.index("implied_volatility");
        int rate = h.index("rate");
        int div = h.index("dividend_yield");
        // Sessions and expiries repeat on every row: resolve each distinct date once.
        Map<LocalDate, Instant> closes = new HashMap<>();
        Map<LocalDate, Instant> expiryInstants = new HashMap<>();
        CsvChainIterator.RowParser parser = (c, line) -> {
            String underlying = Fields.text("underlying", cell(c, und)).toUpperCase(Locale.ROOT);
            String qd = Fields.text("quote_date", cell(c, date));
            LocalDate session;
            Instant snapshot;
            if (qd.length() > 10) {
                snapshot = instant(qd);
                session = clock.sessionOf(snapshot);
            } else {
                session = Fields.date("quote_date", qd);
                snapshot = closes.computeIfAbsent(session, clock::closeInstant);
            }
            LocalDate expiry = Fields.date("expiration", cell(c, exp));
            return new RawRow(line, underlying, session, snapshot, expiry,
                    expiryInstants.computeIfAbsent(expiry, clock::expiryInstant),
                    Fields.number("strike", cell(c, strike)), Fields.optionType("option_type", cell(c, type)),
                    Fields.optionalNumber("bid", cell(c, bid)), Fields.optionalNumber("ask", cell(c, ask)),
                    Fields.optionalNumber("last", cell(c, last)), Fields.optionalNumber("mark", cell(c, mark)),
                    PriceUnit.QUOTE_CURRENCY, Fields.optionalNumber("implied_volatility", cell(c, iv)), IV_RULE,
                    Fields.optionalNumber("volume", cell(c, vol)),
                    Fields.optionalNumber("open_interest", cell(c, oi)),
                    Fields.optionalNumber("underlying_price", cell(c, spot)),
                    Fields.optionalNumber("rate", cell(c, rate)),
                    Fields.optionalNumber("dividend_yield", cell(c, div)));
        };
        return new CsvChainIterator(file, reader, h.delimiter(), parser, ChainFormat.GENERIC,
                SpotSource.ROW_UNDERLYING_PRICE, notes);
    }

    private Instant instant(String s) {
        String t = s.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).atZone(clock.zone()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new RowException(RejectReason.UNPARSEABLE_FIELD, "quote_date is not a date or date-time: '"
                        + s + "'");
            }
        }
    }
}
