package io.volsurf.forecaster.calendar;

import java.time.LocalDate;

/**
 * Maps the date a chain was collected on (e.g. a folder date) to the trading session whose close it
 * shows. A collection on a session day is that session. A collection on a non-session day (an
 * exchange holiday or a weekend) shows the previous session's close again: when that session has
 * its own collection it is {@link Action#DROPPED_REPEAT} (keeping both would make a fake day with
 * zero return), otherwise it is {@link Action#ATTRIBUTED_TO_PREVIOUS} and stands in for it.
 */
public final class SessionMapper {

    /** What was done with one collection date. */
    public enum Action {
        /** Collected on a session day: that session. */
        SESSION,
        /** Collected on a non-session day and the previous session has its own data: skipped. */
        DROPPED_REPEAT,
        /** Collected on a non-session day and the previous session has no data of its own: used for it. */
        ATTRIBUTED_TO_PREVIOUS
    }

    /**
     * The outcome for one collection date.
     *
     * @param collectionDate the date the data was collected (folder date)
     * @param session        the trading session the data belongs to
     * @param action         what to do with it
     */
    public record Mapping(LocalDate collectionDate, LocalDate session, Action action) {
    }

    private final TradingCalendar calendar;

    public SessionMapper(TradingCalendar calendar) {
        this.calendar = calendar;
    }

    public TradingCalendar calendar() {
        return calendar;
    }

    /**
     * @param collectionDate        the collection date
     * @param previousSessionHasData whether the previous session has a collection of its own; only
     *                               consulted when {@code collectionDate} is not a session
     */
    public Mapping map(LocalDate collectionDate, boolean previousSessionHasData) {
        if (calendar.isSession(collectionDate)) {
            return new Mapping(collectionDate, collectionDate, Action.SESSION);
        }
        LocalDate previous = calendar.previousSession(collectionDate);
        return new Mapping(collectionDate, previous,
                previousSessionHasData ? Action.DROPPED_REPEAT : Action.ATTRIBUTED_TO_PREVIOUS);
    }
}
