package io.volsurf.forecaster.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * The New York Stock Exchange calendar (regular sessions and 13:00 early closes), from the NYSE's
 * published holiday rules; the same rules as QuantLib's {@code UnitedStates(NYSE)} calendar.
 * Pure Java so that ingest needs no native library. Correct from 2001 on (rules plus the special
 * closures listed below); years after the last published schedule follow the standing rules.
 */
public final class NyseCalendar implements TradingCalendar {

    /** Unscheduled closures (national days of mourning, weather, 9/11). */
    private static final Set<LocalDate> SPECIAL_CLOSURES = Set.of(
            LocalDate.of(2001, 9, 11), LocalDate.of(2001, 9, 12), LocalDate.of(2001, 9, 13),
            LocalDate.of(2001, 9, 14), LocalDate.of(2004, 6, 11), LocalDate.of(2007, 1, 2),
            LocalDate.of(2012, 10, 29), LocalDate.of(2012, 10, 30), LocalDate.of(2018, 12, 5),
            LocalDate.of(2025, 1, 9));

    @Override
    public String name() {
        return "NYSE";
    }

    @Override
    public boolean isSession(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !isHoliday(date);
    }

    /** True on a weekday on which the exchange is closed. */
    public boolean isHoliday(LocalDate date) {
        int y = date.getYear();
        if (SPECIAL_CLOSURES.contains(date)) {
            return true;
        }
        // New Year's Day: a Sunday moves to Monday; a Saturday is NOT moved to the Friday before (NYSE rule 7.2).
        LocalDate newYear = LocalDate.of(y, 1, 1);
        if (date.equals(newYear.getDayOfWeek() == DayOfWeek.SUNDAY ? newYear.plusDays(1) : newYear)) {
            return true;
        }
        return date.equals(nthWeekday(y, Month.JANUARY, DayOfWeek.MONDAY, 3)) // Martin Luther King Jr. Day
                || date.equals(nthWeekday(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3)) // Washington's Birthday
                || date.equals(easterSunday(y).minusDays(2)) // Good Friday
                || date.equals(LocalDate.of(y, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)))
                || (y >= 2022 && date.equals(observed(LocalDate.of(y, 6, 19)))) // Juneteenth, from 2022
                || date.equals(observed(LocalDate.of(y, 7, 4)))
                || date.equals(nthWeekday(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1)) // Labor Day
                || date.equals(nthWeekday(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4)) // Thanksgiving
                || date.equals(observed(LocalDate.of(y, 12, 25)));
    }

    /** Early closes at 13:00: July 3 before a weekday Independence Day, Black Friday, Christmas Eve. */
    @Override
    public boolean isEarlyClose(LocalDate date) {
        if (!isSession(date)) {
            return false;
        }
        int y = date.getYear();
        LocalDate july4 = LocalDate.of(y, 7, 4);
        boolean july4Weekday = july4.getDayOfWeek() != DayOfWeek.SATURDAY && july4.getDayOfWeek() != DayOfWeek.SUNDAY
                && july4.getDayOfWeek() != DayOfWeek.MONDAY;
        return (date.equals(LocalDate.of(y, 7, 3)) && july4Weekday)
                || date.equals(nthWeekday(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4).plusDays(1))
                || date.equals(LocalDate.of(y, 12, 24));
    }

    /** Saturday holidays are observed on the Friday before, Sunday holidays on the Monday after. */
    static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    static LocalDate nthWeekday(int year, Month month, DayOfWeek dow, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    /** Easter Sunday in the Gregorian calendar (anonymous Gregorian computus, Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
