package io.volsurf.forecaster.ingest;

import java.util.ArrayList;
import java.util.List;

/** Run-level notes the readers leave for the summary (one per ingest run, not shared between runs). */
public final class IngestNotes {

    private final List<HolidayFolder> holidayFiles = new ArrayList<>();
    private final java.util.Map<List<String>, IvUnitNote> ivUnits = new java.util.LinkedHashMap<>();

    /** Records what was done with a file collected on a non-session day. */
    public void holidayFile(HolidayFolder note) {
        holidayFiles.add(note);
    }

    public List<HolidayFolder> holidayFiles() {
        return List.copyOf(holidayFiles);
    }

    /** Records the unit one session's vendor IVs were read in; sessions with the same decision are summed. */
    public void ivUnit(IvUnitNote note) {
        ivUnits.merge(List.of(note.format(), note.column(), note.unit(), note.basis()), note,
                (a, b) -> new IvUnitNote(a.format(), a.column(), a.unit(), a.basis(), a.sessions() + b.sessions(),
                        a.example()));
    }

    /** The vendor IV units assumed, one entry per (layout, column, unit, basis). */
    public List<IvUnitNote> ivUnits() {
        return List.copyOf(ivUnits.values());
    }
}
