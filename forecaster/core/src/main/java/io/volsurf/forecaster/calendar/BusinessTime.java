package io.volsurf.forecaster.calendar;

import java.time.LocalDate;

/**
 * Time measured in business days: every session of the venue's calendar counts 1, every other calendar day counts
 * {@code theta}. Variance accrues mostly while the market trades (French and Roll 1986: a weekend carries about the
 * variance of 1.1 sessions, not 3), so an expiry's remaining variance is spread over its remaining business time.
 * With {@code theta = 1}, or on a venue that trades every day, business time is calendar time.
 *
 * @param calendar the venue's trading calendar
 * @param theta    weight of a non-trading day, in [0, 1]
 */
public record BusinessTime(TradingCalendar calendar, double theta) {

    public BusinessTime {
        if (calendar == null) {
            throw new IllegalArgumentException("calendar must not be null");
        }
        if (!(theta >= 0 && theta <= 1)) {
            throw new IllegalArgumentException("business-time theta must lie in [0, 1], got " + theta);
        }
    }

    /** Business days in the half-open range {@code (from, to]}; 0 when {@code to} is not after {@code from}. */
    public double between(LocalDate from, LocalDate to) {
        double b = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            b += weight(d);
        }
        return b;
    }

    /** The business time one calendar day counts: 1 on a session, theta otherwise. */
    public double weight(LocalDate day) {
        return calendar.isSession(day) ? 1.0 : theta;
    }
}
