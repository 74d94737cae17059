package io.volsurf.forecaster.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.volsurf.forecaster.calendar.SessionClock;
import io.volsurf.forecaster.calendar.SessionMapper;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The {@code us-options} layout: {@code <collection-date>/<TICKER>.json(.gz)} holding
 * {@code {"header": {"underlyingPrice": ...}, "contracts": [...]}}, each contract row one strike and
 * expiry with both sides ({@code callOption = "YYYY-MM-DD_<strike>_Call"}, {@code callPrice},
 * {@code callIv} in percent, {@code callVolume}, {@code callOi}, and the same for {@code put*}).
 * <ul>
 * <li>Prices are last trades (no bid/ask): a price of 0 or null means no trade (NaN).</li>
 * <li>The folder date is the collection date (about 22:30 UTC after the close). It is mapped to the
 * session by the NYSE calendar: a folder on a non-session day repeats the previous session's close;
 * it is dropped when that session's own file exists beside it (same ticker in the previous session's
 * folder), else it stands in for that session. Either way it is noted in the summary.</li>
 * <li>The snapshot is the session's close (16:00 New York); a null or absent
 * {@code underlyingPrice} is inferred from the chain by put-call parity.</li>
 * <li>The ticker is the file name up to its first dot, upper-cased ({@code iwm.json.gz} is IWM).</li>
 * </ul>
 */
public final class UsOptionsJsonReader implements ChainReader {

    /**
     * FastDoubleParser: correctly rounded like {@link Double#parseDouble}, without its per-number garbage. Non-numeric
     * numbers ({@code NaN}, {@code Infinity}, as Python's json writes them) are read, so that one of them costs its
     * side of one contract instead of the whole file.
     */
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    /** Exact powers of ten for the strike fast path (10^22 is the largest exactly representable double). */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** The source writes percent (13.65 = 0.1365); checked per chain against our own inverted vols. */
    static final IvUnitRule IV_RULE = IvUnitRule.detect("callIv/putIv", IvUnit.PERCENT,
            "the us-options source writes percent");

    private final SessionClock clock;
    private final SessionMapper mapper;

    public UsOptionsJsonReader() {
        this(SessionClock.US_EQUITY);
    }

    public UsOptionsJsonReader(SessionClock clock) {
        this.clock = clock;
        this.mapper = new SessionMapper(clock.calendar());
    }

    @Override
    public ChainFormat format() {
        return ChainFormat.US_OPTIONS;
    }

    @Override
    public Iterator<SessionChain> read(Path file, InputStream content, IngestNotes notes) {
        LocalDate collected = collectionDate(file);
        String ticker = ticker(file);
        LocalDate previous = clock.calendar().previousSession(collected);
        SessionMapper.Mapping m = mapper.map(collected, previousSessionFileExists(file, previous));
        if (m.action() != SessionMapper.Action.SESSION) {
            notes.holidayFile(new HolidayFolder(folder(file), collected, m.session(), m.action(), 1));
        }
        if (m.action() == SessionMapper.Action.DROPPED_REPEAT) {
            return Collections.emptyIterator();
        }
        SessionChain chain = parse(file, content, ticker, m.session(), collected, notes);
        return List.of(chain).iterator();
    }

    /** The previous session's file of the same ticker, in the sibling folder named by its date. */
    private static boolean previousSessionFileExists(Path file, LocalDate previousSession) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || folder.getParent() == null) {
            return false;
        }
        Path sibling = folder.getParent().resolve(previousSession.toString());
        String name = file.getFileName().toString();
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return Files.exists(sibling.resolve(base)) || Files.exists(sibling.resolve(base + ".gz"));
    }

    private static String folder(Path file) {
        Path p = file.getParent();
        return p == null ? "." : p.toString();
    }

    static String ticker(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).toUpperCase(Locale.ROOT);
    }

    static LocalDate collectionDate(Path file) {
        Path parent = file.getParent();
        if (parent != null && parent.getFileName() != null) {
            try {
                return LocalDate.parse(parent.getFileName().toString());
            } catch (DateTimeParseException e) {
                // try the file name below
            }
        }
        java.util.regex.Matcher mt = java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2})")
                .matcher(file.getFileName().toString());
        if (mt.find()) {
            return LocalDate.parse(mt.group(1));
        }
        throw new ChainFileException(file, "cannot tell the collection date: us-options files must sit in a "
                + "folder named by date, <yyyy-mm-dd>/<TICKER>.json(.gz)");
    }

    private SessionChain parse(Path file, InputStream content, String ticker, LocalDate session,
            LocalDate collected, IngestNotes notes) {
        Instant snapshot = clock.closeInstant(session);
        SessionAssembler assembler = new SessionAssembler(file.toString(), ticker, session, snapshot,
                ChainFormat.US_OPTIONS, collected, Double.NaN, SpotSource.ROW_UNDERLYING_PRICE, notes);
        double headerSpot = Double.NaN;
        boolean sawContracts = false;
        try (JsonParser p = JSON.createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ChainFileException(file, "not valid us-options JSON: top level is not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("header".equals(field) && t == JsonToken.START_OBJECT) {
                    headerSpot = header(p);
                } else if ("contracts".equals(field) && t == JsonToken.START_ARRAY) {
                    sawContracts = true;
                    long row = 0;
                    Contract c = new Contract();
                    Expiries expiries = new Expiries();
                    JsonToken entry;
                    while ((entry = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (entry == null) {
                            throw new ChainFileException(file, "not valid us-options JSON: the \"contracts\" array "
                                    + "is not closed");
                        }
                        row++;
                        if (entry != JsonToken.START_OBJECT) {
                            // One stray entry costs itself, not the contracts after it.
                            String what = entry == JsonToken.START_ARRAY ? "an array" : entry == JsonToken.VALUE_NULL
                                    ? "null" : "'" + p.getText() + "'";
                            p.skipChildren();
                            assembler.reject(row, RejectReason.NOT_A_CONTRACT, "contract " + row + " is " + what
                                    + ", not an object");
                            continue;
                        }
                        c.read(p);
                        side(assembler, c, row, OptionType.CALL, ticker, session, snapshot, expiries);
                        side(assembler, c, row, OptionType.PUT, ticker, session, snapshot, expiries);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new ChainFileException(file, "not valid us-options JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr(), e);
        } catch (IOException e) {
            throw new ChainFileException(file, ChainInput.describe(e), e);
        }
        if (!sawContracts) {
            throw new ChainFileException(file, "not the us-options layout: no \"contracts\" array");
        }
        if (assembler.isEmpty()) {
            throw new ChainFileException(file, "no contracts in the \"contracts\" array");
        }
        assembler.setHeaderSpot(headerSpot);
        return assembler.finish();
    }

    private static double header(JsonParser p) throws IOException {
        double spot = Double.NaN;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("underlyingPrice".equals(name) && t.isNumeric()) {
                spot = p.getDoubleValue();
            } else {
                p.skipChildren();
            }
        }
        return spot;
    }

    /**
     * A chain has a few dozen expiries and thousands of rows, in runs of one expiry: each expiry's date and instant
     * are parsed once, and the previous row's are reused without a look-up while the symbol's date part repeats.
     */
    private final class Expiries {
        private final Map<String, LocalDate> dates = new HashMap<>();
        private final Map<LocalDate, Instant> instants = new HashMap<>();
        private String lastKey;
        private LocalDate lastDate;
        private Instant lastInstant;

        /** The expiry of a symbol whose date part is {@code symbol[0, end)}; throws as LocalDate.parse does. */
        LocalDate date(String symbol, int end) {
            if (lastKey != null && lastKey.length() == end && symbol.startsWith(lastKey)) {
                return lastDate;
            }
            String key = symbol.substring(0, end);
            LocalDate date = dates.computeIfAbsent(key, LocalDate::parse);
            lastKey = key;
            lastDate = date;
            lastInstant = null;
            return date;
        }

        /** The expiry instant of the date {@link #date} last returned. */
        Instant instant() {
            if (lastInstant == null) {
                lastInstant = instants.computeIfAbsent(lastDate, clock::expiryInstant);
            }
            return lastInstant;
        }
    }

    /**
     * {@code Double.parseDouble(s.substring(from, to))} without the substring: plain decimals of up to 15 digits
     * (every listed strike) are an exact integer over an exact power of ten, so the one division is correctly
     * rounded, as parseDouble is; anything else goes to parseDouble.
     */
    static double parseDecimal(String s, int from, int to) {
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits = 10 * digits + (ch - '0');
                if (++count > 15) {
                    return Double.parseDouble(s.substring(from, to));
                }
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (ch == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.parseDouble(s.substring(from, to));
            }
        }
        if (count == 0) {
            return Double.parseDouble(s.substring(from, to));
        }
        return fraction <= 0 ? (double) digits : digits / POWERS_OF_TEN[fraction];
    }

    private void side(SessionAssembler a, Contract c, long row, OptionType type, String ticker, LocalDate session,
            Instant snapshot, Expiries expiries) {
        boolean call = type == OptionType.CALL;
        String symbol = call ? c.callOption : c.putOption;
        String field = call ? "callOption" : "putOption";
        if (symbol == null || symbol.isBlank()) {
            a.reject(row, RejectReason.MISSING_FIELD, field + " is missing");
            return;
        }
        // "2026-05-26_950.00_Call": expiry, strike, side
        int u1 = symbol.indexOf('_');
        int u2 = symbol.lastIndexOf('_');
        LocalDate expiry;
        double strike;
        try {
            if (u1 <= 0 || u2 <= u1) {
                throw new IllegalArgumentException();
            }
            expiry = expiries.date(symbol, u1);
            strike = parseDecimal(symbol, u1 + 1, u2);
            if (Double.isNaN(strike) || Double.isInfinite(strike)) {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            a.reject(row, RejectReason.UNPARSEABLE_FIELD, field + " is not <yyyy-mm-dd>_<strike>_<Call|Put>: '"
                    + symbol + "'");
            return;
        }
        String bad = call ? c.callBad : c.putBad;
        if (bad != null) {
            a.reject(row, RejectReason.UNPARSEABLE_FIELD, type + " " + expiry + " K=" + strike + ": " + bad);
            return;
        }
        double price = call ? c.callPrice : c.putPrice;
        double iv = call ? c.callIv : c.putIv;
        a.add(new RawRow(row, ticker, session, snapshot, expiry, expiries.instant(), strike, type,
                Double.NaN, Double.NaN, price == 0 ? Double.NaN : price, Double.NaN, PriceUnit.QUOTE_CURRENCY,
                iv, IV_RULE, call ? c.callVolume : c.putVolume, call ? c.callOi : c.putOi, Double.NaN,
                Double.NaN, Double.NaN));
    }

    /**
     * One contract row's fields, reused between rows (absent or null numbers are NaN; a value that is there but
     * is not a finite number is named in {@code callBad}/{@code putBad}, which rejects that side).
     */
    private static final class Contract {
        String callBad;
        String putBad;
        String callOption;
        String putOption;
        double callPrice;
        double putPrice;
        double callIv;
        double putIv;
        double callVolume;
        double putVolume;
        double callOi;
        double putOi;

        void read(JsonParser p) throws IOException {
            callOption = null;
            putOption = null;
            callBad = null;
            putBad = null;
            callPrice = putPrice = callIv = putIv = callVolume = putVolume = callOi = putOi = Double.NaN;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "callOption" -> callOption = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "putOption" -> putOption = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "callPrice" -> callPrice = number(p, t, name, true);
                    case "putPrice" -> putPrice = number(p, t, name, false);
                    case "callIv" -> callIv = number(p, t, name, true);
                    case "putIv" -> putIv = number(p, t, name, false);
                    case "callVolume" -> callVolume = number(p, t, name, true);
                    case "putVolume" -> putVolume = number(p, t, name, false);
                    case "callOi" -> callOi = number(p, t, name, true);
                    case "putOi" -> putOi = number(p, t, name, false);
                    default -> p.skipChildren();
                }
            }
        }

        /**
         * A number, or a numeric string; null, NaN (pandas' missing value) and "" are absent (NaN); anything else
         * (Infinity, text, an object) is noted as bad.
         */
        private double number(JsonParser p, JsonToken t, String name, boolean call) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return Double.NaN;
            }
            String text;
            if (t.isNumeric()) {
                double v = p.getDoubleValue();
                if (!Double.isInfinite(v)) {
                    return v;
                }
                text = p.getText();
            } else if (t == JsonToken.VALUE_STRING) {
                text = p.getText();
                String trimmed = text.trim();
                if (trimmed.isEmpty()) {
                    return Double.NaN;
                }
                try {
                    double v = Double.parseDouble(trimmed);
                    if (!Double.isInfinite(v)) {
                        return v;
                    }
                } catch (NumberFormatException e) {
                    // noted below
                }
            } else {
                text = t == JsonToken.START_OBJECT ? "an object" : t == JsonToken.START_ARRAY ? "an array" : p.getText();
                p.skipChildren();
            }
            String bad = name + " is not a finite number: '" + text + "'";
            if (call && callBad == null) {
                callBad = bad;
            } else if (!call && putBad == null) {
                putBad = bad;
            }
            return Double.NaN;
        }
    }
}
