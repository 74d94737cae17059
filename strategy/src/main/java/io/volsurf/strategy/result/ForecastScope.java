package io.volsurf.strategy.result;

/** What a forecast-vs-realized row compares. */
public enum ForecastScope {
    /** A contract the book held over the night. */
    CONTRACT,
    /** A cell of the canonical grid. */
    GRID_CELL
}
