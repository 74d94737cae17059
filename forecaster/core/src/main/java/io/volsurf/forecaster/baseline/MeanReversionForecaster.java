package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Carry-forward plus a mean-reverting drift: an AR(1) on each cell's total variance towards its training mean,
 * {@code w_{t+1} = w_t + kappa_tenor (mu_cell - w_t)}, with one speed {@code kappa} per tenor pooled across knots
 * and tickers (least squares in standardised units, clamped to [0, 1]). Unseen tickers revert to their window mean.
 */
public final class MeanReversionForecaster implements SurfaceForecaster {

    private final CarryForwardForecaster carryForward = new CarryForwardForecaster();
    private final double[] kappaByTenor;
    private final Map<String, double[]> cellMeanByTicker;

    /**
     * @param kappaByTenor     daily reversion speed per tenor, each in [0, 1]
     * @param cellMeanByTicker upper-case ticker to the mean total variance of each cell
     */
    public MeanReversionForecaster(double[] kappaByTenor, Map<String, double[]> cellMeanByTicker) {
        for (double k : kappaByTenor) {
            if (!(k >= 0 && k <= 1)) {
                throw new IllegalArgumentException("kappaByTenor must lie in [0, 1], got " + k);
            }
        }
        this.kappaByTenor = kappaByTenor.clone();
        this.cellMeanByTicker = Map.copyOf(cellMeanByTicker);
    }

    /** Fits the cell means and reversion speeds on training samples only. */
    public static MeanReversionForecaster fit(List<TrainingSample> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("training: no samples to fit the drift baseline on");
        }
        GridSpec spec = training.get(0).target().spec();
        int n = spec.cellCount();
        int knots = spec.knotCount();
        CarryForwardForecaster cf = new CarryForwardForecaster();
        Map<String, double[]> sums = new HashMap<>();
        Map<String, int[]> counts = new HashMap<>();
        List<CanonicalSurface> latest = new ArrayList<>();
        for (TrainingSample s : training) {
            CanonicalSurface l = s.history().latest();
            latest.add(l);
            String t = l.ticker().toUpperCase(Locale.ROOT);
            double[] sum = sums.computeIfAbsent(t, x -> new double[n]);
            int[] cnt = counts.computeIfAbsent(t, x -> new int[n]);
            for (int c = 0; c < n; c++) {
                if (l.mask()[c] && Double.isFinite(l.totalVariance()[c])) {
                    sum[c] += l.totalVariance()[c];
                    cnt[c]++;
                }
            }
        }
        Map<String, double[]> means = new HashMap<>();
        sums.forEach((t, sum) -> {
            int[] cnt = counts.get(t);
            double[] mu = new double[n];
            for (int c = 0; c < n; c++) {
                mu[c] = cnt[c] > 0 ? sum[c] / cnt[c] : Double.NaN;
            }
            means.put(t, mu);
        });
        NormalizationStats stats = NormalizationStats.fit(latest);
        double[] sxy = new double[spec.tenorCount()];
        double[] sxx = new double[spec.tenorCount()];
        for (TrainingSample s : training) {
            CanonicalSurface l = s.history().latest();
            double[] mu = means.get(l.ticker().toUpperCase(Locale.ROOT));
            double[] scale = stats.forTicker(l.ticker(), List.of(l))[1];
            double[] w0 = cf.forecast(s.history()).totalVariance();
            CanonicalSurface target = s.target();
            for (int c = 0; c < n; c++) {
                if (!target.mask()[c] || !Double.isFinite(target.totalVariance()[c]) || !Double.isFinite(mu[c])) {
                    continue;
                }
                int m = c / knots;
                double x = (mu[c] - w0[c]) / scale[m];
                double y = (target.totalVariance()[c] - w0[c]) / scale[m];
                sxy[m] += x * y;
                sxx[m] += x * x;
            }
        }
        double[] kappa = new double[spec.tenorCount()];
        for (int m = 0; m < kappa.length; m++) {
            kappa[m] = sxx[m] > 0 ? Math.min(1, Math.max(0, sxy[m] / sxx[m])) : 0;
        }
        return new MeanReversionForecaster(kappa, means);
    }

    @Override
    public String name() {
        return "drift";
    }

    /** Daily reversion speed of each tenor. */
    public double[] kappaByTenor() {
        return kappaByTenor.clone();
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        SurfaceForecast base = carryForward.forecast(history);
        GridSpec spec = base.spec();
        double[] w = base.totalVariance();
        double[] mu = cellMeanByTicker.get(history.ticker().toUpperCase(Locale.ROOT));
        double[] windowMean = windowMean(history);
        double[] out = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            double target = mu != null && Double.isFinite(mu[c]) ? mu[c] : windowMean[c];
            double kappa = kappaByTenor[c / spec.knotCount()];
            out[c] = Double.isFinite(target) ? w[c] + kappa * (target - w[c]) : w[c];
        }
        return new SurfaceForecast(base.ticker(), base.forecastFor(), spec, base.logMoneyness(), out, List.of(), null);
    }

    private static double[] windowMean(SurfaceHistory history) {
        int n = history.latest().spec().cellCount();
        double[] sum = new double[n];
        int[] cnt = new int[n];
        for (CanonicalSurface s : history.surfaces()) {
            for (int c = 0; c < n; c++) {
                if (s.mask()[c] && Double.isFinite(s.totalVariance()[c])) {
                    sum[c] += s.totalVariance()[c];
                    cnt[c]++;
                }
            }
        }
        double[] mean = new double[n];
        for (int c = 0; c < n; c++) {
            mean[c] = cnt[c] > 0 ? sum[c] / cnt[c] : Double.NaN;
        }
        return mean;
    }
}
