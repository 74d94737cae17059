package io.volsurf.forecaster.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class Act365FTest {

    @Test
    void aYearIs365DaysWhateverTheCalendarYear() {
        assertEquals(1.0, Act365F.years(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)), 0);
        assertEquals(366 / 365.0, Act365F.years(LocalDate.of(2028, 1, 1), LocalDate.of(2029, 1, 1)), 0);
        assertEquals(30 / 365.0, Act365F.yearsOfDays(30), 0);
        assertEquals(30.0, Act365F.days(Act365F.yearsOfDays(30)), 1e-12);
    }

    @Test
    void intradayDifferencesCountToTheNanosecond() {
        Instant close = Instant.parse("2026-08-21T20:00:00Z");
        Instant expiry = Instant.parse("2026-08-22T08:00:00.5Z");
        assertEquals((12 * 3600 + 0.5) / (365 * 86_400.0), Act365F.years(close, expiry), 1e-18);
        assertEquals(-Act365F.years(close, expiry), Act365F.years(expiry, close), 1e-18);
        assertEquals(43_200L, Act365F.seconds(Act365F.years(Duration.ofHours(12))));
    }
}
