package io.volsurf.forecaster.features;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the realised vols need from an earlier session of the same underlying: its date, snapshot time
 * and spot (as stored with the session).
 */
public record SpotObservation(LocalDate session, Instant snapshot, double spot) {
}
