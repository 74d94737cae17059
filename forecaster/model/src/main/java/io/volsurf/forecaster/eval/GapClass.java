package io.volsurf.forecaster.eval;

import io.volsurf.forecaster.calendar.TradingCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * What lies between the close a forecast is made at and the session it forecasts: the one-day gap of an ordinary
 * weekday, a weekend, an exchange holiday (with or without a weekend), or a session the data lacks. Business-time
 * forecasters gain most after weekends and holidays, so errors are reported per class.
 */
public enum GapClass {
    /** The next calendar day is the next session (every pair of a venue that trades daily, unless data is missing). */
    WEEKDAY("weekday"),
    /** Only Saturday and Sunday lie in between. */
    AFTER_WEEKEND("afterWeekend"),
    /** A weekday without a session (an exchange holiday such as Juneteenth) lies in between, a weekend maybe too. */
    AFTER_HOLIDAY("afterHoliday"),
    /** A day that the calendar says is a session lies in between: the data skipped it. */
    AFTER_MISSING_SESSION("afterMissingSession");

    private final String label;

    GapClass(String label) {
        this.label = label;
    }

    /** The name used in reports and JSON. */
    public String label() {
        return label;
    }

    /**
     * @param calendar the ticker's exchange calendar
     * @param latest   the session the forecast is made at the close of
     * @param next     the session forecast, after {@code latest}
     */
    public static GapClass of(TradingCalendar calendar, LocalDate latest, LocalDate next) {
        if (!next.isAfter(latest)) {
            throw new IllegalArgumentException("next: " + next + " is not after " + latest);
        }
        boolean weekend = false;
        boolean holiday = false;
        for (LocalDate d = latest.plusDays(1); d.isBefore(next); d = d.plusDays(1)) {
            if (calendar.isSession(d)) {
                return AFTER_MISSING_SESSION;
            }
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                weekend = true;
            } else {
                holiday = true;
            }
        }
        return holiday ? AFTER_HOLIDAY : weekend ? AFTER_WEEKEND : WEEKDAY;
    }
}
