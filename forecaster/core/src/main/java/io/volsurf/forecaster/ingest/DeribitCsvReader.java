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
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deribit daily CSV ({@code crypto-deribit/<date>.csv.gz}): {@code snapshot_utc, exchange, underlying,
 * instrument, expiry, strike, type, mark_price, bid, ask, mark_iv, ..., open_interest, volume_24h,
 * underlying_price}. Premiums stay in coin ({@link PriceUnit#UNDERLYING}); {@code mark_iv} is in
 * percent on Deribit, but other venues write the same layout in decimal: its unit is the {@code exchange}
 * column's where known, else detected per chain ({@link #ivRule}); {@code underlying_price} is that expiry's index/forward in USD and is required per row.
 * One file holds several underlyings (BTC, ETH): one chain each. The session is the snapshot's UTC
 * date (the market trades every day); options expire at 08:00 UTC.
 */
public final class DeribitCsvReader implements ChainReader {

    static final List<String> REQUIRED = List.of("snapshot_utc", "underlying", "expiry", "strike", "type",
            "mark_price", "bid", "ask", "mark_iv", "underlying_price");

    private final SessionClock clock;

    public DeribitCsvReader() {
        this(SessionClock.DERIBIT);
    }

    public DeribitCsvReader(SessionClock clock) {
        this.clock = clock;
    }

    @Override
    public ChainFormat format() {
        return ChainFormat.DERIBIT;
    }

    @Override
    public Iterator<SessionChain> read(Path file, InputStream content, IngestNotes notes) {
        BufferedReader reader = CsvReaders.reader(content);
        CsvHeader h = CsvReaders.header(file, reader);
        h.require(file, REQUIRED);
        int snap = h.index("snapshot_utc");
        int und = h.index("underlying");
        int exp = h.index("expiry");
        int strike = h.index("strike");
        int type = h.index("type");
        int mark = h.index("mark_price");
        int bid = h.index("bid");
        int ask = h.index("ask");
        int iv = h.index("mark_iv");
        int oi = h.index("open_interest");
        int vol = h.index("volume_24h", "volume");
        int spot = h.index("underlying_price");
        int exchange = h.index("exchange");
        Map<String, IvUnitRule> rules = new HashMap<>();
        // One snapshot and a dozen expiries per file: parse each distinct text once.
        Map<String, Instant> snapshots = new HashMap<>();
        Map<String, LocalDate> expiries = new HashMap<>();
        Map<LocalDate, Instant> expiryInstants = new HashMap<>();
        CsvChainIterator.RowParser parser = (c, line) -> {
            String snapText = cell(c, snap);
            Instant snapshot = snapshots.get(snapText);
            if (snapshot == null) {
                snapshot = snapshot(snapText);
                snapshots.put(snapText, snapshot);
            }
            String expText = cell(c, exp);
            LocalDate expiry = expiries.get(expText);
            if (expiry == null) {
                expiry = Fields.date("expiry", expText);
                expiries.put(expText, expiry);
            }
            double markIv = Fields.optionalNumber("mark_iv", cell(c, iv));
            String venue = cell(c, exchange).trim().toLowerCase(Locale.ROOT);
            IvUnitRule rule = rules.get(venue);
            if (rule == null) {
                rule = ivRule(venue);
                rules.put(venue, rule);
            }
            return new RawRow(line, Fields.text("underlying", cell(c, und)).toUpperCase(Locale.ROOT),
                    clock.sessionOf(snapshot), snapshot, expiry,
                    expiryInstants.computeIfAbsent(expiry, clock::expiryInstant),
                    Fields.number("strike", cell(c, strike)), Fields.optionType("type", cell(c, type)),
                    Fields.optionalNumber("bid", cell(c, bid)), Fields.optionalNumber("ask", cell(c, ask)),
                    Double.NaN, Fields.optionalNumber("mark_price", cell(c, mark)), PriceUnit.UNDERLYING,
                    markIv, rule, Fields.optionalNumber("volume_24h", cell(c, vol)),
                    Fields.optionalNumber("open_interest", cell(c, oi)),
                    Fields.number("underlying_price", cell(c, spot)), Double.NaN, Double.NaN);
        };
        return new CsvChainIterator(file, reader, h.delimiter(), parser, ChainFormat.DERIBIT,
                SpotSource.NEAREST_EXPIRY_FORWARD, notes);
    }

    /**
     * Venues whose {@code mark_iv} convention is known from their public APIs: Deribit's {@code mark_iv} is in
     * percent; OKX's {@code markVol}, Bybit's {@code markIv} and Binance's {@code markIV} are decimal. Any other
     * venue (or none) is detected per chain.
     */
    static final Map<String, IvUnit> KNOWN_VENUES = Map.of("deribit", IvUnit.PERCENT, "okx", IvUnit.DECIMAL,
            "okex", IvUnit.DECIMAL, "bybit", IvUnit.DECIMAL, "binance", IvUnit.DECIMAL);

    static IvUnitRule ivRule(String venue) {
        IvUnit known = KNOWN_VENUES.get(venue);
        if (known != null) {
            return IvUnitRule.known("mark_iv", known, "exchange " + venue);
        }
        return IvUnitRule.detect("mark_iv", IvUnit.PERCENT, venue.isEmpty() ? "no exchange column"
                : "exchange " + venue + " not known");
    }

    private static Instant snapshot(String s) {
        String t = Fields.text("snapshot_utc", s).replace(' ', 'T');
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new RowException(RejectReason.UNPARSEABLE_FIELD, "snapshot_utc is not a date-time: '" + s + "'");
        }
    }
}
