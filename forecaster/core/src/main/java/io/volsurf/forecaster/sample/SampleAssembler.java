package io.volsurf.forecaster.sample;

import io.volsurf.forecaster.grid.CanonicalSurface;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Pairs (last {@code N} surfaces, next surface) from one ticker's stored sessions, in session order.
 * The gap to the next session is the calendar distance between the two stored sessions.
 */
public final class SampleAssembler {
    private SampleAssembler() {
    }

    /** Every pair whose target session lies in {@code [targetFrom, targetTo]}. */
    public static List<TrainingSample> pairs(List<CanonicalSurface> sessions, int window, LocalDate targetFrom,
            LocalDate targetTo) {
        List<TrainingSample> out = new ArrayList<>();
        for (int t = window; t < sessions.size(); t++) {
            CanonicalSurface target = sessions.get(t);
            if (target.session().isBefore(targetFrom) || target.session().isAfter(targetTo)) {
                continue;
            }
            List<CanonicalSurface> hist = sessions.subList(t - window, t);
            out.add(new TrainingSample(history(hist, target.session()), target));
        }
        return out;
    }

    /** The history at the close of the last of {@code window}, forecasting {@code next}. */
    public static SurfaceHistory history(List<CanonicalSurface> window, LocalDate next) {
        LocalDate latest = window.get(window.size() - 1).session();
        int gap = (int) Math.max(1, ChronoUnit.DAYS.between(latest, next));
        return SurfaceHistory.of(window, gap);
    }
}
