package io.volsurf.forecaster.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Field parsing shared by the readers: each failure is a {@link RowException} naming the field and value. */
final class Fields {

    private static final DateTimeFormatter SAS_DATE9 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("ddMMMyyyy").toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter US_SLASH = DateTimeFormatter.ofPattern("M/d/yyyy");

    private Fields() {
    }

    /**
     * An empty number or date cell: blank, or a placeholder a vendor writes for "no value" ({@code NaN},
     * {@code null}, SAS's {@code .}). Not for names: {@code NAN} and {@code NULL} are possible tickers.
     */
    static boolean isEmpty(String s) {
        if (s == null) {
            return true;
        }
        String t = s.trim();
        return t.isEmpty() || t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("null") || t.equals(".");
    }

    /** A required number. */
    static double number(String field, String s) {
        if (isEmpty(s)) {
            throw new RowException(RejectReason.MISSING_FIELD, field + " is empty");
        }
        return parse(field, s);
    }

    /** An optional number: NaN when empty. */
    static double optionalNumber(String field, String s) {
        return isEmpty(s) ? Double.NaN : parse(field, s);
    }

    private static double parse(String field, String s) {
        try {
            double v = Double.parseDouble(s.trim());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new RowException(RejectReason.UNPARSEABLE_FIELD, field + " is not a finite number: '" + s
                        + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new RowException(RejectReason.UNPARSEABLE_FIELD, field + " is not a number: '" + s + "'");
        }
    }

    /** A required name (ticker, symbol): only a blank cell is missing, so {@code NAN} and {@code NULL} are names. */
    static String text(String field, String s) {
        if (s == null || s.isBlank()) {
            throw new RowException(RejectReason.MISSING_FIELD, field + " is empty");
        }
        return s.trim();
    }

    /** A date as ISO {@code 2026-07-04}, basic {@code 20260704}, SAS {@code 04JUL2026} or US {@code 7/4/2026}. */
    static LocalDate date(String field, String s) {
        if (isEmpty(s)) {
            throw new RowException(RejectReason.MISSING_FIELD, field + " is empty");
        }
        String t = s.trim();
        try {
            if (t.length() == 10 && t.charAt(4) == '-') {
                return LocalDate.parse(t);
            }
            if (t.length() == 8 && t.chars().allMatch(Character::isDigit)) {
                return LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE);
            }
            if (t.length() == 9 && Character.isLetter(t.charAt(2))) {
                return LocalDate.parse(t, SAS_DATE9);
            }
            if (t.indexOf('/') > 0) {
                return LocalDate.parse(t, US_SLASH);
            }
            if (t.length() > 10 && t.charAt(4) == '-' && (t.charAt(10) == 'T' || t.charAt(10) == ' ')) {
                return LocalDate.parse(t.substring(0, 10));
            }
        } catch (DateTimeParseException e) {
            // fall through to the reject below
        }
        throw new RowException(RejectReason.UNPARSEABLE_FIELD, field + " is not a date: '" + s + "'");
    }

    static io.volsurf.forecaster.market.OptionType optionType(String field, String s) {
        String t = text(field, s);
        try {
            return io.volsurf.forecaster.market.OptionType.parse(t);
        } catch (IllegalArgumentException e) {
            throw new RowException(RejectReason.UNPARSEABLE_FIELD, field + " is not C/P/call/put: '" + s + "'");
        }
    }
}
