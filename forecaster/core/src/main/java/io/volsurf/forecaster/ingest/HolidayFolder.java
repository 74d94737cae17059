package io.volsurf.forecaster.ingest;

import io.volsurf.forecaster.calendar.SessionMapper;
import java.time.LocalDate;

/**
 * A collection folder dated on a non-session day (an NYSE holiday in {@code us-options}) and what
 * ingest did with it.
 *
 * @param folder         the folder (path as given)
 * @param collectionDate the folder's date
 * @param session        the session whose close the data shows (the previous session)
 * @param action         {@code DROPPED_REPEAT} or {@code ATTRIBUTED_TO_PREVIOUS}
 * @param files          how many files of the folder got this action
 */
public record HolidayFolder(String folder, LocalDate collectionDate, LocalDate session,
        SessionMapper.Action action, int files) {
}
