package io.volsurf.forecaster.features;

import java.time.LocalDate;

/**
 * The features of a session that depend on earlier sessions' spots: its log return and realised vols over 5
 * and 21 sessions (NaN where the history is too short). Re-ingesting an earlier session changes them, and only
 * them, for the sessions after it.
 */
public record SpotHistoryFeatures(LocalDate session, double logReturn, double realizedVol5, double realizedVol21) {
}
