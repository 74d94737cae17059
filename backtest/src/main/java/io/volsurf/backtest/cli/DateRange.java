package io.volsurf.backtest.cli;

import io.volsurf.backtest.app.DateBounds;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * ISO dates from options, with errors that name the option (exit code 2), inside {@link DateBounds}. Options typed
 * {@code LocalDate} get the same rule through {@link #CONVERTER}, registered once on the command line.
 */
final class DateRange {
    private DateRange() {
    }

    /** For picocli options typed {@code LocalDate}: picocli prefixes the option's name (a parameter error, exit 2). */
    static final CommandLine.ITypeConverter<LocalDate> CONVERTER = value -> {
        try {
            return parse("the date", value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage().replaceFirst("^the date ", ""));
        }
    };

    static LocalDate parse(String option, String value) {
        LocalDate d;
        try {
            d = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO date like 2026-07-24, got '" + value + "'");
        }
        String outside = DateBounds.outside(d);
        if (outside != null) {
            throw new IllegalArgumentException(option + " " + outside);
        }
        return d;
    }

    static void ordered(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
    }
}
