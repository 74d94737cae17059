package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.sample.SurfaceHistory;

/** Anything that turns a history into a forecast of the next session's surface. Implementations are immutable. */
public interface SurfaceForecaster {

    /** Short name used in reports ("carryForward", "stickyExpiry", "drift", "linear", "model"). */
    String name();

    /** The forecast for the session {@code history.gapDaysToNext()} calendar days after the latest. */
    SurfaceForecast forecast(SurfaceHistory history);
}
