package io.volsurf.forecaster.calendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Which calendar days are trading sessions of an exchange. Implementations are immutable and
 * thread-safe; every method is a pure function of the date.
 */
public interface TradingCalendar {

    /**
     * The calendar stored sessions were taken on, for data that does not say: any weekend session
     * means a venue that trades every day (crypto), otherwise the NYSE.
     */
    static TradingCalendar inferredFrom(java.util.Collection<LocalDate> sessions) {
        return tradesEveryDay(sessions) ? new ContinuousCalendar() : new NyseCalendar();
    }

    /** True when the sessions include a Saturday or a Sunday. */
    static boolean tradesEveryDay(java.util.Collection<LocalDate> sessions) {
        return sessions.stream().anyMatch(d -> d.getDayOfWeek().getValue() >= 6);
    }

    /** Short name, e.g. {@code NYSE} or {@code CONTINUOUS}. */
    String name();

    /** True when the exchange holds a regular session on this calendar day. */
    boolean isSession(LocalDate date);

    /** True when the session closes early (e.g. 13:00 New York on the day after Thanksgiving). */
    default boolean isEarlyClose(LocalDate date) {
        return false;
    }

    /** The first session strictly after {@code date}. */
    default LocalDate nextSession(LocalDate date) {
        LocalDate d = date.plusDays(1);
        while (!isSession(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The last session strictly before {@code date}. */
    default LocalDate previousSession(LocalDate date) {
        LocalDate d = date.minusDays(1);
        while (!isSession(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** {@code date} itself when it is a session, else the previous session. */
    default LocalDate sessionOnOrBefore(LocalDate date) {
        return isSession(date) ? date : previousSession(date);
    }

    /** Calendar days from {@code date} to the next session (1 on an ordinary weekday, 3 over a weekend). */
    default int calendarDaysToNextSession(LocalDate date) {
        return (int) ChronoUnit.DAYS.between(date, nextSession(date));
    }

    /** Number of sessions in the half-open range {@code (from, to]}. */
    default int sessionsBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isSession(d)) {
                n++;
            }
        }
        return n;
    }
}
