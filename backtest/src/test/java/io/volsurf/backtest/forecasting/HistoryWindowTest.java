package io.volsurf.backtest.forecasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.calendar.ContinuousCalendar;
import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window the CLI's forecast and the REST surface both feed the model, on hand-made stored sessions. */
class HistoryWindowTest {

    private static final GridSpec SPEC = new GridSpec(new int[] {30}, new double[] {0}, MoneynessScaling.LOG_MONEYNESS);
    private static final LocalDate FRIDAY = LocalDate.of(2026, 8, 14);

    @Test
    void lastNSessionsEndingOnTheAsOfSessionAndTheCalendarsNextSession() {
        List<CanonicalSurface> daily = sessions(FRIDAY.minusDays(9), FRIDAY);
        HistoryWindow crypto = HistoryWindow.of("BTC", FRIDAY, 5, daily, () -> FRIDAY, s -> new ContinuousCalendar());
        assertEquals(daily.subList(5, 10), crypto.sessions());
        assertEquals(FRIDAY, crypto.latest().session());
        assertEquals(FRIDAY.plusDays(1), crypto.nextSession(), "24x7: Saturday");
        assertEquals(1, crypto.history().gapDaysToNext());

        HistoryWindow equity = HistoryWindow.of("SPY", FRIDAY, 5, daily, () -> FRIDAY, s -> new NyseCalendar());
        assertEquals(FRIDAY.plusDays(3), equity.nextSession(), "NYSE: Monday");
        assertEquals(3, equity.history().gapDaysToNext());
    }

    @Test
    void theCalendarIsGivenEverySessionReadNotOnlyTheWindow() {
        List<CanonicalSurface> daily = sessions(FRIDAY.minusDays(9), FRIDAY);
        List<List<CanonicalSurface>> seen = new ArrayList<>();
        HistoryWindow.of("BTC", FRIDAY, 3, daily, () -> FRIDAY, s -> {
            seen.add(s);
            return new ContinuousCalendar();
        });
        assertEquals(List.of(daily), seen);
    }

    @Test
    void noSessionOnTheAsOfDateNamesTheLatestStored() {
        List<CanonicalSurface> upToThursday = sessions(FRIDAY.minusDays(9), FRIDAY.minusDays(1));
        var e = assertThrows(ForecastingService.NoSuchElementException.class, () -> HistoryWindow.of("BTC", FRIDAY,
                5, upToThursday, () -> FRIDAY.minusDays(1), s -> new ContinuousCalendar()));
        assertEquals("BTC has no stored session on 2026-08-14 (latest stored session: 2026-08-13)", e.getMessage());
    }

    @Test
    void unknownTickerAndTooFewSessionsAreNotFound() {
        var unknown = assertThrows(ForecastingService.NoSuchElementException.class,
                () -> HistoryWindow.of("NOSUCH", FRIDAY, 5, List.of(), () -> null, s -> new ContinuousCalendar()));
        assertTrue(unknown.getMessage().startsWith("no stored surfaces for ticker NOSUCH"), unknown.getMessage());

        List<CanonicalSurface> three = sessions(FRIDAY.minusDays(2), FRIDAY);
        var few = assertThrows(ForecastingService.NoSuchElementException.class,
                () -> HistoryWindow.of("BTC", FRIDAY, 5, three, () -> FRIDAY, s -> new ContinuousCalendar()));
        assertTrue(few.getMessage().startsWith("BTC has 3 stored sessions up to 2026-08-14"), few.getMessage());
        assertTrue(few.getMessage().endsWith("the model needs N=5"), few.getMessage());
    }

    private static List<CanonicalSurface> sessions(LocalDate first, LocalDate last) {
        List<CanonicalSurface> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            out.add(new CanonicalSurface("BTC", d, Instant.EPOCH, 100, SPEC, new double[] {0}, new double[] {0.01},
                    new double[] {0.2}, new boolean[] {true}, new double[] {Double.NaN}, List.of()));
        }
        return out;
    }
}
