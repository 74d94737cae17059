package io.volsurf.forecaster.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.calendar.ContinuousCalendar;
import io.volsurf.forecaster.calendar.NyseCalendar;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GapClassTest {

    private final NyseCalendar nyse = new NyseCalendar();

    @Test
    void juneteenthOnAFridayMakesThursdayToMondayAHolidayGap() {
        assertTrue(nyse.isHoliday(LocalDate.of(2026, 6, 19)));
        assertEquals(GapClass.AFTER_HOLIDAY, GapClass.of(nyse, LocalDate.of(2026, 6, 18), LocalDate.of(2026, 6, 22)));
    }

    @Test
    void independenceDayObservedOnFridayJulyThirdIsAHolidayGap() {
        // July 4 2026 is a Saturday: the NYSE closes on Friday July 3
        assertTrue(nyse.isHoliday(LocalDate.of(2026, 7, 3)));
        assertEquals(GapClass.AFTER_HOLIDAY, GapClass.of(nyse, LocalDate.of(2026, 7, 2), LocalDate.of(2026, 7, 6)));
    }

    @Test
    void aPlainWeekendAndAPlainWeekday() {
        assertEquals(GapClass.AFTER_WEEKEND, GapClass.of(nyse, LocalDate.of(2026, 7, 24), LocalDate.of(2026, 7, 27)));
        assertEquals(GapClass.WEEKDAY, GapClass.of(nyse, LocalDate.of(2026, 7, 28), LocalDate.of(2026, 7, 29)));
        // Labor Day 2026 is Monday September 7
        assertEquals(GapClass.AFTER_HOLIDAY, GapClass.of(nyse, LocalDate.of(2026, 9, 4), LocalDate.of(2026, 9, 8)));
    }

    @Test
    void aSessionTheDataLacksIsItsOwnClass() {
        assertEquals(GapClass.AFTER_MISSING_SESSION,
                GapClass.of(nyse, LocalDate.of(2026, 7, 27), LocalDate.of(2026, 7, 29)));
        // a missing Friday before a weekend is still a missing session, not a weekend
        assertEquals(GapClass.AFTER_MISSING_SESSION,
                GapClass.of(nyse, LocalDate.of(2026, 7, 23), LocalDate.of(2026, 7, 27)));
    }

    @Test
    void onAVenueThatTradesDailyEveryNextDayIsAWeekdayGap() {
        ContinuousCalendar crypto = new ContinuousCalendar();
        assertEquals(GapClass.WEEKDAY, GapClass.of(crypto, LocalDate.of(2026, 7, 4), LocalDate.of(2026, 7, 5)));
        assertEquals(GapClass.AFTER_MISSING_SESSION,
                GapClass.of(crypto, LocalDate.of(2026, 7, 3), LocalDate.of(2026, 7, 5)));
    }

    @Test
    void labelsAreTheJsonNamesAndOrderIsRejected() {
        assertEquals("afterHoliday", GapClass.AFTER_HOLIDAY.label());
        assertThrows(IllegalArgumentException.class,
                () -> GapClass.of(nyse, LocalDate.of(2026, 7, 6), LocalDate.of(2026, 7, 6)));
    }
}
