package io.volsurf.backtest.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** ISO dates from options, with errors that name the option. */
final class DateRange {
    private DateRange() {
    }

    static LocalDate parse(String option, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO date like 2026-07-24, got '" + value + "'");
        }
    }

    static void ordered(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
    }
}
