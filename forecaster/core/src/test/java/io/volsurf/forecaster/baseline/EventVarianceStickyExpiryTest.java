package io.volsurf.forecaster.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.EventVarianceStickyExpiryForecaster.Event;
import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.synthetic.GenerationReport;
import io.volsurf.forecaster.synthetic.MarketEffects;
import io.volsurf.forecaster.synthetic.ScheduledEvent;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import io.volsurf.forecaster.testsupport.GeneratedMarketSurfaces;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events found through the term structure alone, carried with their expiries and dropped when they pass. */
class EventVarianceStickyExpiryTest {

    private static final double J = 0.002;
    private static final NyseCalendar NYSE = new NyseCalendar();

    @TempDir
    static Path dir;

    private static GenerationReport market;
    private static List<TrainingSample> eventPairs;
    private static List<TrainingSample> plainPairs;

    /** A flat diffusive term structure (v = vLong, no vol of variance) with or without an event every 15 sessions. */
    private static SyntheticMarketConfig flat(MarketEffects effects) {
        SyntheticMarketConfig d = SyntheticMarketConfig.defaults(45, 3);
        return new SyntheticMarketConfig(List.of("EVT"), LocalDate.of(2026, 3, 2), 45, 3, 100, 0.04, 0.04, 3.0, 0.0,
                -0.7, d.rate(), d.dividendYield(), d.termDecayPerYear(), d.meanSkew(), d.meanEta(), d.halfSpreadVol(),
                0.0, 0, effects);
    }

    @BeforeAll
    static void generate() {
        market = new SyntheticMarketGenerator().generate(flat(MarketEffects.NONE.withEvents(15, J)), dir.resolve("e"));
        eventPairs = pairs(dir.resolve("e"));
        // the same path without the events' variance
        new SyntheticMarketGenerator().generate(flat(MarketEffects.NONE.withEvents(15, 0)), dir.resolve("p"));
        plainPairs = pairs(dir.resolve("p"));
    }

    private static List<TrainingSample> pairs(Path d) {
        List<CanonicalSurface> s = GeneratedMarketSurfaces.read(d).get("EVT");
        return GeneratedMarketSurfaces.pairs(s, 3, s.get(0).session(), s.get(s.size() - 1).session());
    }

    @Test
    void findsTheTrueEventsInTheirBracketWithTheirVariance() {
        EventVarianceStickyExpiryForecaster f = new EventVarianceStickyExpiryForecaster(1.0);
        int checked = 0;
        for (TrainingSample p : eventPairs) {
            LocalDate today = p.history().latest().session();
            List<Event> found = f.persistentEvents(p.history(), NYSE);
            // every event of the next three weeks is found (weekly brackets), and every one found is true
            for (ScheduledEvent t : market.events()) {
                if (t.session().isAfter(today) && !t.session().isAfter(today.plusDays(21))) {
                    assertTrue(found.stream().anyMatch(e -> inside(t.session(), e)), today + ": " + t + " in " + found);
                    checked++;
                }
            }
            for (Event e : found) {
                assertEquals(1, market.events().stream().filter(t -> inside(t.session(), e)).count(),
                        today + ": " + e);
                assertEquals(J, e.variance(), 0.25 * J, today + ": variance of " + e);
            }
        }
        assertTrue(checked >= 20, "sessions with an event ahead: " + checked);
    }

    private static boolean inside(LocalDate d, Event e) {
        return d.isAfter(e.after()) && !d.isAfter(e.until());
    }

    @Test
    void carriesTheEventsAndBeatsBusinessTimeStickyExpiry() {
        EventVarianceStickyExpiryForecaster events = new EventVarianceStickyExpiryForecaster(1.0);
        BusinessTimeStickyExpiryForecaster businessTime = new BusinessTimeStickyExpiryForecaster(1.0);
        // what is left without events: the skew and curvature's own moves
        double floor = BusinessTimeStickyExpiryForecaster.rmseVolPoints(businessTime, plainPairs);
        // no event can fall in the gap: the events ahead are carried whole, where business time lets them decay
        List<TrainingSample> eventsLater = eventPairs.stream().filter(p -> market.events().stream().noneMatch(e ->
                e.session().isAfter(p.history().latest().session())
                        && !e.session().isAfter(p.history().latest().session().plusDays(7)))).toList();
        assertTrue(eventsLater.size() >= 15, "pairs " + eventsLater.size());
        double carried = BusinessTimeStickyExpiryForecaster.rmseVolPoints(events, eventsLater);
        double decayed = BusinessTimeStickyExpiryForecaster.rmseVolPoints(businessTime, eventsLater);
        assertTrue(carried < 1.6 * floor && carried < 0.6 * decayed, "event-variance " + carried + ", business-time "
                + decayed + ", business-time without events " + floor);
        // over all pairs, releases included: the day within its week is unknown, so each release costs both
        double all = BusinessTimeStickyExpiryForecaster.rmseVolPoints(events, eventPairs);
        double allBusinessTime = BusinessTimeStickyExpiryForecaster.rmseVolPoints(businessTime, eventPairs);
        assertTrue(all < 0.92 * allBusinessTime, "event-variance " + all + ", business-time " + allBusinessTime);
    }

    @Test
    void withoutEventsItIsBusinessTimeStickyExpiry() {
        for (TrainingSample p : plainPairs) {
            assertTrue(new EventVarianceStickyExpiryForecaster(0.3).persistentEvents(p.history(), NYSE).isEmpty(),
                    p.history().latest().session().toString());
            assertArrayEquals(new BusinessTimeStickyExpiryForecaster(0.3).forecast(p.history()).totalVariance(),
                    new EventVarianceStickyExpiryForecaster(0.3).forecast(p.history()).totalVariance(), 1e-12);
        }
    }

    @Test
    void theEventIsReleasedWhenItsBracketFallsInTheGap() {
        // bracket (Fri 03-06, Fri 03-13]: five sessions; on Friday close none has passed
        Event e = new Event(LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 13), J);
        assertEquals(0.2, EventVarianceStickyExpiryForecaster.releasedInGap(e, LocalDate.of(2026, 3, 6),
                LocalDate.of(2026, 3, 9), NYSE), 1e-12);
        assertEquals(0.5, EventVarianceStickyExpiryForecaster.releasedInGap(e, LocalDate.of(2026, 3, 11),
                LocalDate.of(2026, 3, 12), NYSE), 1e-12);
        assertEquals(1.0, EventVarianceStickyExpiryForecaster.releasedInGap(e, LocalDate.of(2026, 3, 12),
                LocalDate.of(2026, 3, 13), NYSE), 1e-12);
        assertEquals(0.0, EventVarianceStickyExpiryForecaster.releasedInGap(e, LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 3), NYSE), 1e-12, "the bracket has not begun");
        assertEquals(1.0, EventVarianceStickyExpiryForecaster.containedFraction(e, LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 20)));
        assertEquals(0.0, EventVarianceStickyExpiryForecaster.containedFraction(e, LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 5)));
        assertEquals(3.0 / 7, EventVarianceStickyExpiryForecaster.containedFraction(e, LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 9)), 1e-12);
        assertEquals(1.0 / 3, EventVarianceStickyExpiryForecaster.containedFraction(e, LocalDate.of(2026, 3, 10),
                LocalDate.of(2026, 3, 11)), 1e-12);
    }

    @Test
    void thetaIsChosenOnTrainingPairsAndChecked() {
        EventVarianceStickyExpiryForecaster fitted = EventVarianceStickyExpiryForecaster.fit(eventPairs);
        assertTrue(BusinessTimeStickyExpiryForecaster.rmseVolPoints(fitted, eventPairs)
                <= BusinessTimeStickyExpiryForecaster.rmseVolPoints(new EventVarianceStickyExpiryForecaster(0.5),
                        eventPairs));
        assertEquals("eventVarianceStickyExpiry", fitted.name());
        assertThrows(IllegalArgumentException.class, () -> new EventVarianceStickyExpiryForecaster(-0.1));
        assertThrows(IllegalArgumentException.class, () -> EventVarianceStickyExpiryForecaster.fit(new ArrayList<>()));
    }
}
