package io.volsurf.forecaster.model;

/** How the SVI head's and the grid head's surfaces are combined, per tenor row. */
public enum BlendPolicy {
    /** The SVI head everywhere (default, the stable choice). */
    SVI,
    /** The grid head everywhere. */
    GRID,
    /** The SVI head, except rows where the SVI fit of the recent surface is poor or the row is sparse: grid head. */
    BLEND
}
