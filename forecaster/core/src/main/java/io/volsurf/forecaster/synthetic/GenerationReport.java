package io.volsurf.forecaster.synthetic;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SyntheticMarketGenerator} wrote.
 *
 * @param chainFiles  generic CSV chain files, one per ticker and session ({@code <out>/<TICKER>/<date>.csv})
 * @param truthFile   the true SVI parameters per ticker, session and expiry ({@code <out>/svi.truth.csv})
 * @param badRowsFile the injected invalid rows ({@code <out>/bad-rows.truth.csv})
 * @param sessions    sessions per ticker
 * @param rows        option rows written, bad rows included
 * @param truth       the true slices (also in {@code truthFile})
 * @param badRows     the injected invalid rows (also in {@code badRowsFile})
 * @param eventsFile  the scheduled events per ticker ({@code <out>/events.truth.csv}), null when there are none
 * @param events      the scheduled events (also in {@code eventsFile})
 */
public record GenerationReport(List<Path> chainFiles, Path truthFile, Path badRowsFile, int sessions, long rows,
        List<TrueSlice> truth, List<InjectedBadRow> badRows, Path eventsFile, List<ScheduledEvent> events) {

    public GenerationReport {
        chainFiles = List.copyOf(chainFiles);
        events = List.copyOf(events);
        truth = List.copyOf(truth);
        badRows = List.copyOf(badRows);
    }
}
