package io.volsurf.forecaster.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The calendar of a layout is what ingest maps sessions with and what forecasts read back from the stored venue: a
 * Friday's next session is Saturday on Deribit whatever the recent sessions look like (five weekdays of BTC held no
 * weekend, and the old guess then forecast Monday from the CLI and Saturday from REST).
 */
class ChainFormatCalendarTest {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 8, 14);

    @Test
    void deribitTradesEveryDayAndTheUsLayoutsOnNyseSessions() {
        assertEquals(FRIDAY.plusDays(1), ChainFormat.DERIBIT.calendar().nextSession(FRIDAY));
        for (ChainFormat f : ChainFormat.values()) {
            if (f != ChainFormat.DERIBIT) {
                assertEquals(FRIDAY.plusDays(3), f.calendar().nextSession(FRIDAY), f.cliName());
                // 2026-07-03 is the observed Independence Day holiday
                assertEquals(LocalDate.of(2026, 7, 6), f.calendar().nextSession(LocalDate.of(2026, 7, 2)), f.cliName());
            }
        }
    }

    @Test
    void theStoredVenueNameFindsItsLayout() {
        for (ChainFormat f : ChainFormat.values()) {
            assertEquals(f, ChainFormat.fromCliName(f.cliName()));
        }
    }
}
