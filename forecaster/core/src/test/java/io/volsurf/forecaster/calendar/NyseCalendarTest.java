package io.volsurf.forecaster.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NyseCalendarTest {

    private final NyseCalendar nyse = new NyseCalendar();

    private static List<LocalDate> dates(String... s) {
        List<LocalDate> out = new ArrayList<>();
        for (String d : s) {
            out.add(LocalDate.parse(d));
        }
        return out;
    }

    private List<LocalDate> weekdayHolidays(int year) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !nyse.isSession(d)) {
                out.add(d);
            }
        }
        return out;
    }

    @Test
    void holidays2026MatchTheNysePublishedSchedule() {
        // nyse.com/markets/hours-calendars, 2026
        assertEquals(dates("2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19",
                "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"), weekdayHolidays(2026));
    }

    @Test
    void holidays2025IncludeTheCarterDayOfMourning() {
        assertEquals(dates("2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26",
                "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25"), weekdayHolidays(2025));
    }

    @Test
    void observanceRules() {
        // 2022: New Year on a Saturday is NOT observed on Friday 2021-12-31; Christmas Sunday -> Monday 12-26.
        assertTrue(nyse.isSession(LocalDate.of(2021, 12, 31)));
        assertFalse(nyse.isSession(LocalDate.of(2022, 12, 26)));
        // Juneteenth from 2022 only; 2022-06-19 was a Sunday -> Monday 06-20.
        assertTrue(nyse.isSession(LocalDate.of(2021, 6, 18)));
        assertFalse(nyse.isSession(LocalDate.of(2022, 6, 20)));
        // 2027: July 4 is a Sunday -> Monday 07-05; Christmas a Saturday -> Friday 12-24.
        assertFalse(nyse.isSession(LocalDate.of(2027, 7, 5)));
        assertFalse(nyse.isSession(LocalDate.of(2027, 12, 24)));
        // 2028: New Year's Day 2028 is a Saturday: no holiday on Friday 2027-12-31.
        assertTrue(nyse.isSession(LocalDate.of(2027, 12, 31)));
        // Good Friday across years (Easter computus).
        assertFalse(nyse.isSession(LocalDate.of(2024, 3, 29)));
        assertFalse(nyse.isSession(LocalDate.of(2030, 4, 19)));
        assertEquals(LocalDate.of(2019, 4, 21), NyseCalendar.easterSunday(2019));
        assertEquals(LocalDate.of(2038, 4, 25), NyseCalendar.easterSunday(2038));
    }

    @Test
    void everyYearHasNineToElevenWeekdayHolidaysAnd250Sessions() {
        for (int y = 2020; y <= 2030; y++) {
            int h = weekdayHolidays(y).size();
            assertTrue(h >= 8 && h <= 11, y + ": " + h);
            int sessions = nyse.sessionsBetween(LocalDate.of(y - 1, 12, 31), LocalDate.of(y, 12, 31));
            assertTrue(sessions >= 249 && sessions <= 253, y + ": " + sessions);
        }
    }

    @Test
    void nextSessionAndGaps() {
        assertEquals(LocalDate.of(2026, 5, 26), nyse.nextSession(LocalDate.of(2026, 5, 22)));
        assertEquals(4, nyse.calendarDaysToNextSession(LocalDate.of(2026, 5, 22))); // Memorial Day weekend
        assertEquals(1, nyse.calendarDaysToNextSession(LocalDate.of(2026, 5, 26)));
        assertEquals(LocalDate.of(2026, 7, 2), nyse.previousSession(LocalDate.of(2026, 7, 6)));
        assertEquals(LocalDate.of(2026, 6, 18), nyse.sessionOnOrBefore(LocalDate.of(2026, 6, 19)));
        assertEquals(1, new ContinuousCalendar().calendarDaysToNextSession(LocalDate.of(2026, 7, 4)));
    }

    @Test
    void earlyClosesAndCloseInstants() {
        assertTrue(nyse.isEarlyClose(LocalDate.of(2026, 11, 27)));
        assertTrue(nyse.isEarlyClose(LocalDate.of(2026, 12, 24)));
        assertTrue(nyse.isEarlyClose(LocalDate.of(2025, 7, 3)));
        assertFalse(nyse.isEarlyClose(LocalDate.of(2026, 7, 2))); // July 3, 2026 is itself the holiday
        SessionClock us = SessionClock.US_EQUITY;
        assertEquals(Instant.parse("2026-07-02T20:00:00Z"), us.closeInstant(LocalDate.of(2026, 7, 2))); // EDT
        assertEquals(Instant.parse("2026-01-02T21:00:00Z"), us.closeInstant(LocalDate.of(2026, 1, 2))); // EST
        assertEquals(Instant.parse("2026-11-27T18:00:00Z"), us.closeInstant(LocalDate.of(2026, 11, 27)));
        assertEquals(Instant.parse("2026-08-28T08:00:00Z"), SessionClock.DERIBIT.expiryInstant(LocalDate.of(2026, 8, 28)));
    }

    @Test
    void holidayFolderMapping() {
        SessionMapper m = new SessionMapper(nyse);
        assertEquals(new SessionMapper.Mapping(LocalDate.of(2026, 6, 18), LocalDate.of(2026, 6, 18),
                SessionMapper.Action.SESSION), m.map(LocalDate.of(2026, 6, 18), true));
        assertEquals(new SessionMapper.Mapping(LocalDate.of(2026, 6, 19), LocalDate.of(2026, 6, 18),
                SessionMapper.Action.DROPPED_REPEAT), m.map(LocalDate.of(2026, 6, 19), true));
        assertEquals(new SessionMapper.Mapping(LocalDate.of(2026, 7, 3), LocalDate.of(2026, 7, 2),
                SessionMapper.Action.DROPPED_REPEAT), m.map(LocalDate.of(2026, 7, 3), true));
        assertEquals(new SessionMapper.Mapping(LocalDate.of(2026, 5, 25), LocalDate.of(2026, 5, 22),
                SessionMapper.Action.ATTRIBUTED_TO_PREVIOUS), m.map(LocalDate.of(2026, 5, 25), false));
        SessionMapper crypto = new SessionMapper(new ContinuousCalendar());
        assertEquals(SessionMapper.Action.SESSION, crypto.map(LocalDate.of(2026, 7, 4), true).action());
    }
}
