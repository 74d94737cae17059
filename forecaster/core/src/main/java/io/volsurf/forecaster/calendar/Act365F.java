package io.volsurf.forecaster.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The ACT/365F day count behind every maturity, gap and return interval in years: actual elapsed time over a
 * year of 365 days of 86,400 seconds, intraday differences included. Business-time clocks ({@link BusinessTime})
 * weight days differently and say so where they are used.
 */
public final class Act365F {

    public static final double DAYS_PER_YEAR = 365.0;
    public static final double SECONDS_PER_YEAR = DAYS_PER_YEAR * 86_400.0;

    private Act365F() {
    }

    /** Years in a duration (negative when it is). */
    public static double years(Duration d) {
        return (d.getSeconds() + d.getNano() * 1e-9) / SECONDS_PER_YEAR;
    }

    /** Years from one instant to another. */
    public static double years(Instant from, Instant to) {
        return years(Duration.between(from, to));
    }

    /** Years from one date to another, counting calendar days. */
    public static double years(LocalDate from, LocalDate to) {
        return yearsOfDays(ChronoUnit.DAYS.between(from, to));
    }

    /** Years in a number of calendar days. */
    public static double yearsOfDays(double days) {
        return days / DAYS_PER_YEAR;
    }

    /** Calendar days in a number of years. */
    public static double days(double years) {
        return years * DAYS_PER_YEAR;
    }

    /** Whole seconds in a number of years, rounded. */
    public static long seconds(double years) {
        return Math.round(years * SECONDS_PER_YEAR);
    }
}
