package io.volsurf.strategy.result;

/** What an attribution row covers. */
public enum AttributionScope {
    /** One position (an option leg, the hedge option or the underlying). */
    POSITION,
    /** The whole book: the sum of the session's position rows. */
    PORTFOLIO
}
