package io.volsurf.forecaster.synthetic;

import io.volsurf.forecaster.calendar.TradingCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.TreeSet;

/**
 * Which expiries are listed on a session, like a US index ETF: Friday weeklies for the next
 * {@code weeklies} weeks, third-Friday monthlies for {@code monthlies} months, and quarterlies (third
 * Friday of March, June, September, December) out to {@code quarterlyYears} years. An expiry on a
 * holiday moves to the previous session (Good Friday: Thursday). Expired series roll off.
 *
 * @param calendar       the exchange calendar
 * @param weeklies       number of weekly expiries
 * @param monthlies      number of monthly expiries
 * @param quarterlyYears how far out quarterlies are listed, years
 */
public record ListingCalendar(TradingCalendar calendar, int weeklies, int monthlies, int quarterlyYears) {

    /** The expiries listed on {@code session}, all strictly after it, in increasing order. */
    public List<LocalDate> expiries(LocalDate session) {
        TreeSet<LocalDate> out = new TreeSet<>();
        LocalDate friday = session.with(TemporalAdjusters.next(DayOfWeek.FRIDAY));
        for (int i = 0; i < weeklies; i++) {
            add(out, friday.plusWeeks(i), session);
        }
        LocalDate month = session.withDayOfMonth(1);
        int listed = 0;
        for (int i = 0; listed < monthlies && i < monthlies + 2; i++) {
            LocalDate third = thirdFriday(month.plusMonths(i));
            if (add(out, third, session)) {
                listed++;
            }
        }
        LocalDate last = session.plusYears(quarterlyYears);
        for (LocalDate m = month; !m.isAfter(last); m = m.plusMonths(1)) {
            if (m.getMonthValue() % 3 == 0) {
                add(out, thirdFriday(m), session);
            }
        }
        return List.copyOf(out);
    }

    private boolean add(TreeSet<LocalDate> out, LocalDate expiry, LocalDate session) {
        LocalDate e = calendar.sessionOnOrBefore(expiry);
        if (e.isAfter(session)) {
            out.add(e);
            return true;
        }
        return false;
    }

    static LocalDate thirdFriday(LocalDate anyDayOfMonth) {
        return anyDayOfMonth.with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.FRIDAY));
    }
}
