package io.volsurf.forecaster.ingest;

import io.volsurf.forecaster.calendar.ContinuousCalendar;
import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.calendar.TradingCalendar;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The chain layouts volsurf reads; {@link #detect} tells them apart from a file's first bytes. */
public enum ChainFormat {
    /** The generic CSV ({@link GenericCsvReader}; what {@code generate} writes). */
    GENERIC("generic"),
    /** {@code us-options/<date>/<TICKER>.json}: one JSON per ticker per collection day. */
    US_OPTIONS("us-options"),
    /** Deribit daily CSV: coin premiums, per-row underlying price, {@code mark_iv} in percent. */
    DERIBIT("deribit"),
    /** CBOE DataShop "Option EOD Summary" CSV. */
    CBOE("cboe"),
    /** OptionMetrics IvyDB {@code opprcd} (option prices) CSV. */
    OPTIONMETRICS("optionmetrics");

    private final String cliName;

    ChainFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used by {@code ingest --format}. */
    public String cliName() {
        return cliName;
    }

    /**
     * The calendar sessions of this layout are taken on: Deribit trades every day, every other supported layout
     * carries US-listed options (NYSE sessions). Ingest maps snapshots with it, and the venue stored per session
     * (this layout's {@link #cliName()}) gives it back to forecast, REST and evaluation, so no path has to guess.
     */
    public TradingCalendar calendar() {
        return this == DERIBIT ? new ContinuousCalendar() : new NyseCalendar();
    }

    /**
     * Parses a {@code --format} value; {@code auto} (or null) gives null, meaning "detect".
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static ChainFormat fromCliName(String name) {
        if (name == null || name.equalsIgnoreCase("auto")) {
            return null;
        }
        for (ChainFormat f : values()) {
            if (f.cliName.equalsIgnoreCase(name.trim()) || f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("--format must be auto or one of "
                + Arrays.stream(values()).map(ChainFormat::cliName).collect(Collectors.joining(", ")) + ", got '"
                + name + "'");
    }

    /**
     * Detects the layout from the start of a (decompressed) file.
     *
     * @param head the first bytes of the file, decoded as UTF-8
     * @return the layout, or null when it is none of the known ones
     */
    public static ChainFormat detect(String head) {
        String s = head.startsWith("\uFEFF") ? head.substring(1) : head;
        String trimmed = s.stripLeading();
        if (trimmed.startsWith("{")) {
            return US_OPTIONS;
        }
        int nl = trimmed.indexOf('\n');
        String headerLine = nl < 0 ? trimmed : trimmed.substring(0, nl);
        Set<String> cols = headerColumns(headerLine);
        if (cols.containsAll(Set.of("snapshot_utc", "instrument", "mark_price", "underlying_price"))) {
            return DERIBIT;
        }
        if (cols.containsAll(Set.of("underlying_symbol", "quote_date", "expiration", "strike", "option_type"))
                && (cols.contains("bid_eod") || cols.contains("bid_1545"))) {
            return CBOE;
        }
        if (cols.containsAll(Set.of("date", "exdate", "cp_flag", "strike_price", "best_bid", "best_offer"))) {
            return OPTIONMETRICS;
        }
        if (cols.containsAll(GenericCsvReader.REQUIRED)) {
            return GENERIC;
        }
        return null;
    }

    static Set<String> headerColumns(String headerLine) {
        Set<String> cols = new HashSet<>();
        String h = headerLine.strip();
        for (String c : CsvLine.split(h, CsvLine.delimiterOf(h))) {
            cols.add(c.trim().toLowerCase(Locale.ROOT));
        }
        return cols;
    }
}
