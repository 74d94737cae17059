package io.volsurf.forecaster.sample;

import io.volsurf.forecaster.grid.CanonicalSurface;
import java.util.List;

/**
 * What a forecaster sees at the close of one session: the last {@code N} canonical surfaces of one
 * ticker (oldest first, the latest last), one feature vector per session, and the calendar gap to
 * the session being forecast.
 *
 * @param surfaces        the window, ordered by session, all of one ticker and one grid
 * @param sessionFeatures per session of the window a feature vector (same length for all), may be empty arrays
 * @param featureNames    names of the feature vector's entries (e.g. "rv", "vix")
 * @param gapDaysToNext   calendar days from the latest session to the next one (1 on weekdays, 3 over a weekend)
 */
public record SurfaceHistory(List<CanonicalSurface> surfaces, double[][] sessionFeatures, List<String> featureNames,
        int gapDaysToNext) {

    public SurfaceHistory {
        surfaces = List.copyOf(surfaces);
        featureNames = List.copyOf(featureNames);
        if (surfaces.isEmpty()) {
            throw new IllegalArgumentException("surfaces: a history needs at least one surface");
        }
        if (gapDaysToNext < 1) {
            throw new IllegalArgumentException("gapDaysToNext must be >= 1 calendar day, got " + gapDaysToNext);
        }
        if (sessionFeatures.length != surfaces.size()) {
            throw new IllegalArgumentException("sessionFeatures: one row per surface expected, got "
                    + sessionFeatures.length + " for " + surfaces.size());
        }
        CanonicalSurface first = surfaces.get(0);
        for (int i = 0; i < surfaces.size(); i++) {
            CanonicalSurface s = surfaces.get(i);
            if (!s.spec().equals(first.spec()) || !s.ticker().equalsIgnoreCase(first.ticker())) {
                throw new IllegalArgumentException("surfaces: all must share ticker and grid_spec; session "
                        + s.session() + " differs");
            }
            if (i > 0 && !s.session().isAfter(surfaces.get(i - 1).session())) {
                throw new IllegalArgumentException("surfaces: sessions must be strictly increasing at " + s.session());
            }
            if (sessionFeatures[i].length != featureNames.size()) {
                throw new IllegalArgumentException("sessionFeatures[" + i + "]: length " + sessionFeatures[i].length
                        + " differs from featureNames " + featureNames);
            }
            for (double v : sessionFeatures[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("sessionFeatures[" + i + "] holds a non-finite value");
                }
            }
        }
    }

    /** A history without session features. */
    public static SurfaceHistory of(List<CanonicalSurface> surfaces, int gapDaysToNext) {
        return new SurfaceHistory(surfaces, new double[surfaces.size()][0], List.of(), gapDaysToNext);
    }

    /** The latest surface (the close the forecast is made at). */
    public CanonicalSurface latest() {
        return surfaces.get(surfaces.size() - 1);
    }

    public String ticker() {
        return latest().ticker();
    }

    public int window() {
        return surfaces.size();
    }
}
