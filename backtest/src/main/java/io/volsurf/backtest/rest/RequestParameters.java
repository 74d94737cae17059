package io.volsurf.backtest.rest;

import io.volsurf.backtest.app.DateBounds;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses and checks the API's path and query parameters; every failure names its parameter (a 400). */
final class RequestParameters {

    /** Longest list a grid parameter may hold: bounds the work one request can ask for. */
    static final int MAX_LIST = 201;
    static final double MAX_TENOR_DAYS = 36_500;
    static final double MAX_MATURITY_YEARS = 100;
    static final double MAX_ABS_LOG_MONEYNESS = 10;

    private static final Pattern TICKER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestParameters() {
    }

    /** Upper-cased ticker; the data writes {@code iwm}, the store holds {@code IWM}. */
    static String ticker(String raw) {
        if (raw == null || !TICKER.matcher(raw.trim()).matches()) {
            throw new BadParameterException("ticker", "ticker must be 1 to 32 letters, digits, '.', '_' or '-', got '"
                    + raw + "'");
        }
        return raw.trim().toUpperCase(Locale.ROOT);
    }

    /** An ISO date, or null for {@code latest} (the ticker's latest stored session). */
    static LocalDate dateOrLatest(String raw) {
        if (raw != null && raw.trim().equalsIgnoreCase("latest")) {
            return null;
        }
        return date("date", raw);
    }

    static LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadParameterException(name, name + " is required (ISO date, e.g. 2026-08-20)");
        }
        LocalDate d;
        try {
            d = LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, name + " must be an ISO date like 2026-08-20, got '" + raw + "'");
        }
        // ISO admits years to +/-999999999: beyond PostgreSQL's dates and LocalDate arithmetic, so a 400 here.
        String outside = DateBounds.outside(d);
        if (outside != null) {
            throw new BadParameterException(name, name + " " + outside);
        }
        return d;
    }

    /** A boolean flag: absent or false is false, true is true, anything else names the parameter. */
    static boolean flag(String name, String raw) {
        if (raw == null || raw.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new BadParameterException(name, name + " must be true or false, got '" + raw + "'");
    }

    /** A maturity in years: required, finite, {@code 0 < T <= 100}. */
    static double maturityYears(String raw) {
        double t = number("maturity", raw, "years, e.g. 0.25");
        if (!(t > 0) || t > MAX_MATURITY_YEARS) {
            throw new BadParameterException("maturity", "maturity must be in years, > 0 and <= " + MAX_MATURITY_YEARS
                    + ", got " + raw);
        }
        return t;
    }

    /** A strike price: required, finite, {@code > 0}. */
    static double strike(String raw) {
        double k = number("strike", raw, "a price, e.g. 450");
        if (!(k > 0)) {
            throw new BadParameterException("strike", "strike must be a price > 0, got " + raw);
        }
        return k;
    }

    /** A model id (the model directory's hash or a name), trimmed; null when absent. */
    static String modelIdOrNull(String raw) {
        if (raw == null) {
            return null;
        }
        if (!MODEL_ID.matcher(raw.trim()).matches()) {
            throw new BadParameterException("model", "model must be a model id (letters, digits, '.', '_', '-'), got '"
                    + raw + "'");
        }
        return raw.trim();
    }

    /** One tenor in calendar days, {@code 0 < d <= 36500}. */
    static double tenorDays(String raw) {
        double d = number("tenor", raw, "calendar days, e.g. 30");
        if (!(d > 0) || d > MAX_TENOR_DAYS) {
            throw new BadParameterException("tenor", "tenor must be calendar days > 0 and <= " + (int) MAX_TENOR_DAYS
                    + ", got '" + raw + "'");
        }
        return d;
    }

    /** A backtest run id, a positive whole number. */
    static long runId(String raw) {
        long run;
        try {
            run = Long.parseLong(raw == null ? "" : raw.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException("id", "id must be a run number (GET /api/v1/report/runs), got '" + raw
                    + "'");
        }
        if (run <= 0) {
            throw new BadParameterException("id", "id must be a positive run number, got " + run);
        }
        return run;
    }

    /** Tenors in calendar days, {@code 0 < d <= 36500}; null when absent. */
    static double[] tenorsDays(String raw) {
        double[] d = list("tenors", raw);
        if (d != null) {
            for (double v : d) {
                if (!(v > 0) || v > MAX_TENOR_DAYS) {
                    throw new BadParameterException("tenors", "tenors must be calendar days > 0 and <= "
                            + (int) MAX_TENOR_DAYS + ", got " + v);
                }
            }
        }
        return d;
    }

    /** Log-moneyness values {@code |k| <= 10}; null when absent. */
    static double[] logMoneyness(String raw) {
        double[] k = list("k", raw);
        if (k != null) {
            for (double v : k) {
                if (Math.abs(v) > MAX_ABS_LOG_MONEYNESS) {
                    throw new BadParameterException("k", "k (log-moneyness ln(K/F)) must lie in [-10, 10], got " + v);
                }
            }
        }
        return k;
    }

    /** Strike prices {@code > 0}; null when absent. */
    static double[] strikes(String raw) {
        double[] k = list("strikes", raw);
        if (k != null) {
            for (double v : k) {
                if (!(v > 0)) {
                    throw new BadParameterException("strikes", "strikes must be prices > 0, got " + v);
                }
            }
        }
        return k;
    }

    /** A comma-separated list of finite numbers, at most {@link #MAX_LIST}; null when absent. */
    static double[] list(String name, String raw) {
        if (raw == null) {
            return null;
        }
        String[] parts = raw.split(",", -1);
        if (raw.isBlank()) {
            throw new BadParameterException(name, name + " is empty: give comma-separated numbers or leave it out");
        }
        if (parts.length > MAX_LIST) {
            throw new BadParameterException(name, name + " holds " + parts.length + " values, at most " + MAX_LIST
                    + " are served per request");
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = number(name, parts[i], "comma-separated numbers");
        }
        return out;
    }

    private static double number(String name, String raw, String expected) {
        if (raw == null || raw.isBlank()) {
            throw new BadParameterException(name, name + " is required (" + expected + ")");
        }
        double v;
        try {
            v = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, name + " must be a number (" + expected + "), got '" + raw + "'");
        }
        if (!Double.isFinite(v)) {
            throw new BadParameterException(name, name + " must be a finite number, got '" + raw + "'");
        }
        return v;
    }
}
