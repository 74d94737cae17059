package io.volsurf.forecaster.calendar;

import java.time.LocalDate;

/** A market that trades every calendar day (crypto): every date is a session. */
public final class ContinuousCalendar implements TradingCalendar {

    @Override
    public String name() {
        return "CONTINUOUS";
    }

    @Override
    public boolean isSession(LocalDate date) {
        return true;
    }
}
