package io.volsurf.forecaster.ingest;

import java.util.ArrayList;
import java.util.List;

/** Run-level notes the readers leave for the summary (one per ingest run, not shared between runs). */
public final class IngestNotes {

    private final List<HolidayFolder> holidayFiles = new ArrayList<>();

    /** Records what was done with a file collected on a non-session day. */
    public void holidayFile(HolidayFolder note) {
        holidayFiles.add(note);
    }

    public List<HolidayFolder> holidayFiles() {
        return List.copyOf(holidayFiles);
    }
}
