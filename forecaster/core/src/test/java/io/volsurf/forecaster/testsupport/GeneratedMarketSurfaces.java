package io.volsurf.forecaster.testsupport;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.SessionSurface;
import io.volsurf.forecaster.grid.SessionSurfaceBuilder;
import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.svi.SviParams;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated market read back as ingest reads it, without a database: every ticker's sessions built into surfaces
 * in session order (SVI fits warm-started from the previous session, as ingest does), and the (history, next) pairs.
 */
public final class GeneratedMarketSurfaces {

    private GeneratedMarketSurfaces() {
    }

    /** Per ticker (sorted) its surfaces in session order. */
    public static Map<String, List<CanonicalSurface>> read(Path marketDir) {
        SessionSurfaceBuilder builder = new SessionSurfaceBuilder();
        Map<String, Map<LocalDate, SviParams>> warm = new HashMap<>();
        Map<String, TreeMap<LocalDate, CanonicalSurface>> byTicker = new TreeMap<>();
        new ChainIngestor().ingest(List.of(marketDir), ChainFormat.GENERIC, chain -> {
            if (chain.quotes().isEmpty()) {
                return;
            }
            SessionSurface built = builder.build(chain, warm.getOrDefault(chain.underlying(), Map.of()));
            warm.put(chain.underlying(), built.warmStarts());
            byTicker.computeIfAbsent(chain.underlying(), t -> new TreeMap<>()).put(chain.session(), built.surface());
        });
        Map<String, List<CanonicalSurface>> out = new TreeMap<>();
        byTicker.forEach((t, m) -> out.put(t, new ArrayList<>(m.values())));
        return out;
    }

    /** Pairs of the last {@code window} surfaces and the next, whose target lies in {@code [from, to]}. */
    public static List<TrainingSample> pairs(List<CanonicalSurface> sessions, int window, LocalDate from,
            LocalDate to) {
        List<TrainingSample> out = new ArrayList<>();
        for (int t = window; t < sessions.size(); t++) {
            CanonicalSurface target = sessions.get(t);
            if (target.session().isBefore(from) || target.session().isAfter(to)) {
                continue;
            }
            List<CanonicalSurface> hist = sessions.subList(t - window, t);
            int gap = (int) ChronoUnit.DAYS.between(hist.get(hist.size() - 1).session(), target.session());
            out.add(new TrainingSample(SurfaceHistory.of(hist, gap), target));
        }
        return out;
    }
}
