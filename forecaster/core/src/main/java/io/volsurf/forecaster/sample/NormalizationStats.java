package io.volsurf.forecaster.sample;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-ticker, per-tenor centre and scale of total variance (years x vol^2), so that surfaces of assets with very
 * different vol levels share one model: a cell is standardised as {@code (w - mean[tenor]) / scale[tenor]}.
 * Tickers unseen in training are standardised by their own history window.
 *
 * @param meanByTicker  upper-case ticker to the mean total variance of each tenor
 * @param scaleByTicker upper-case ticker to the (floored) standard deviation of each tenor
 */
public record NormalizationStats(Map<String, double[]> meanByTicker, Map<String, double[]> scaleByTicker) {

    /** Scale floor relative to the mean, so a near-constant history does not blow standardised values up. */
    private static final double RELATIVE_SCALE_FLOOR = 0.05;
    private static final double ABSOLUTE_SCALE_FLOOR = 1e-6;

    public NormalizationStats {
        meanByTicker = Map.copyOf(new TreeMap<>(meanByTicker));
        scaleByTicker = Map.copyOf(new TreeMap<>(scaleByTicker));
    }

    /** Statistics of the observed cells of the given surfaces, per ticker. */
    public static NormalizationStats fit(Collection<CanonicalSurface> surfaces) {
        Map<String, List<CanonicalSurface>> byTicker = new HashMap<>();
        for (CanonicalSurface s : surfaces) {
            byTicker.computeIfAbsent(s.ticker().toUpperCase(Locale.ROOT), t -> new java.util.ArrayList<>()).add(s);
        }
        Map<String, double[]> means = new HashMap<>();
        Map<String, double[]> scales = new HashMap<>();
        byTicker.forEach((ticker, list) -> {
            double[][] ms = meanAndScale(list);
            means.put(ticker, ms[0]);
            scales.put(ticker, ms[1]);
        });
        return new NormalizationStats(means, scales);
    }

    /** {mean[tenor], scale[tenor]} for a ticker; falls back to the window's own statistics when unseen. */
    public double[][] forTicker(String ticker, List<CanonicalSurface> window) {
        String key = ticker.toUpperCase(Locale.ROOT);
        double[] mean = meanByTicker.get(key);
        double[] scale = scaleByTicker.get(key);
        if (mean != null && scale != null && mean.length == window.get(0).spec().tenorCount()) {
            return new double[][] {mean.clone(), scale.clone()};
        }
        return meanAndScale(window);
    }

    static double[][] meanAndScale(List<CanonicalSurface> surfaces) {
        GridSpec spec = surfaces.get(0).spec();
        int tenors = spec.tenorCount();
        int knots = spec.knotCount();
        double[] mean = new double[tenors];
        double[] scale = new double[tenors];
        for (int m = 0; m < tenors; m++) {
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            for (CanonicalSurface s : surfaces) {
                for (int j = 0; j < knots; j++) {
                    int c = m * knots + j;
                    double w = s.totalVariance()[c];
                    if (s.mask()[c] && Double.isFinite(w)) {
                        sum += w;
                        sumSq += w * w;
                        n++;
                    }
                }
            }
            if (n == 0) {
                // no observed cell: a typical 20% vol level keeps the tenor on a sane scale
                mean[m] = 0.04 * spec.tenorYears(m);
                scale[m] = RELATIVE_SCALE_FLOOR * mean[m] + ABSOLUTE_SCALE_FLOOR;
                continue;
            }
            mean[m] = sum / n;
            double var = Math.max(0, sumSq / n - mean[m] * mean[m]);
            scale[m] = Math.max(Math.sqrt(var), Math.max(RELATIVE_SCALE_FLOOR * Math.abs(mean[m]), ABSOLUTE_SCALE_FLOOR));
        }
        return new double[][] {mean, scale};
    }
}
