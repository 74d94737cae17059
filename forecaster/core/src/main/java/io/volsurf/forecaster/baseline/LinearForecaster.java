package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.SurfaceReading;
import io.volsurf.forecaster.sample.TrainingSample;
import java.util.ArrayList;
import java.util.List;

/**
 * A pooled ridge regression on the model's inputs (linear models beat Informer on many benchmarks: Zeng et al.
 * 2023). Per tenor it predicts the standardised change on top of carry-forward from: the sticky-expiry roll-down,
 * the last change, the distance to the window mean and to the ticker's mean, the calendar gap, and the latest
 * session features. Coefficients are shared across tickers (per-ticker standardisation).
 */
public final class LinearForecaster implements SurfaceForecaster {

    /** Number of per-cell inputs before the session features. */
    static final int BASE_INPUTS = 7;

    private final CarryForwardForecaster carryForward = new CarryForwardForecaster();
    private final StickyExpiryForecaster stickyExpiry = new StickyExpiryForecaster();
    private final double[][] betaByTenor;
    private final NormalizationStats stats;
    private final int featureCount;
    private final double lambda;

    /**
     * @param betaByTenor  per tenor the coefficients ({@code BASE_INPUTS + featureCount} each)
     * @param stats        per-ticker standardisation
     * @param featureCount number of session features used
     */
    public LinearForecaster(double[][] betaByTenor, NormalizationStats stats, int featureCount) {
        this(betaByTenor, stats, featureCount, Double.NaN);
    }

    /** @param lambda the ridge penalty the coefficients were fitted with (NaN: unknown) */
    public LinearForecaster(double[][] betaByTenor, NormalizationStats stats, int featureCount, double lambda) {
        for (double[] beta : betaByTenor) {
            if (beta.length != BASE_INPUTS + featureCount) {
                throw new IllegalArgumentException("betaByTenor: expected " + (BASE_INPUTS + featureCount)
                        + " coefficients per tenor, got " + beta.length);
            }
        }
        this.betaByTenor = new double[betaByTenor.length][];
        for (int m = 0; m < betaByTenor.length; m++) {
            for (double b : betaByTenor[m]) {
                if (!Double.isFinite(b)) {
                    throw new IllegalArgumentException("betaByTenor: non-finite coefficient at tenor " + m);
                }
            }
            this.betaByTenor[m] = betaByTenor[m].clone();
        }
        this.stats = stats;
        this.featureCount = featureCount;
        this.lambda = lambda;
    }

    /** Fits by ridge ({@code lambda} on standardised inputs) on training samples only. */
    public static LinearForecaster fit(List<TrainingSample> training, double lambda) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("training: no samples to fit the linear baseline on");
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        }
        GridSpec spec = training.get(0).target().spec();
        int features = training.get(0).history().featureNames().size();
        List<CanonicalSurface> latest = new ArrayList<>();
        training.forEach(s -> latest.add(s.history().latest()));
        NormalizationStats stats = NormalizationStats.fit(latest);
        LinearForecaster shell = new LinearForecaster(new double[spec.tenorCount()][BASE_INPUTS + features], stats,
                features);
        RidgeRegression[] ridge = new RidgeRegression[spec.tenorCount()];
        for (int m = 0; m < ridge.length; m++) {
            ridge[m] = new RidgeRegression(BASE_INPUTS + features);
        }
        int knots = spec.knotCount();
        for (TrainingSample s : training) {
            Inputs in = shell.inputs(s.history());
            CanonicalSurface target = s.target();
            for (int c = 0; c < spec.cellCount(); c++) {
                double w = target.totalVariance()[c];
                if (!target.mask()[c] || !Double.isFinite(w)) {
                    continue;
                }
                int m = c / knots;
                ridge[m].add(in.x[c], (w - in.carry[c]) / in.scale[m]);
            }
        }
        double[][] beta = new double[spec.tenorCount()][];
        for (int m = 0; m < beta.length; m++) {
            beta[m] = ridge[m].solve(lambda * Math.max(1, ridge[m].rows()) / 1000.0);
        }
        return new LinearForecaster(beta, stats, features, lambda);
    }

    @Override
    public String name() {
        return "linear";
    }

    /** Per tenor the fitted coefficients (a copy). */
    public double[][] betaByTenor() {
        double[][] out = new double[betaByTenor.length][];
        for (int m = 0; m < out.length; m++) {
            out[m] = betaByTenor[m].clone();
        }
        return out;
    }

    /** The per-ticker standardisation the coefficients were fitted with. */
    public NormalizationStats stats() {
        return stats;
    }

    /** The ridge penalty of the fit (NaN where unknown). */
    public double lambda() {
        return lambda;
    }

    /** Number of session features the coefficients expect. */
    public int featureCount() {
        return featureCount;
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        Inputs in = inputs(history);
        GridSpec spec = history.latest().spec();
        double[] out = new double[spec.cellCount()];
        for (int c = 0; c < out.length; c++) {
            int m = c / spec.knotCount();
            double dot = 0;
            for (int i = 0; i < in.x[c].length; i++) {
                dot += betaByTenor[m][i] * in.x[c][i];
            }
            out[c] = Math.max(0, in.carry[c] + in.scale[m] * dot);
        }
        SurfaceForecast cf = carryForward.forecast(history);
        return new SurfaceForecast(cf.ticker(), cf.forecastFor(), spec, cf.logMoneyness(), out, List.of(), null);
    }

    private record Inputs(double[][] x, double[] carry, double[] scale) {
    }

    private Inputs inputs(SurfaceHistory h) {
        if (h.featureNames().size() != featureCount) {
            throw new IllegalArgumentException("sessionFeatures: the linear baseline was fitted on " + featureCount
                    + " features, got " + h.featureNames().size());
        }
        GridSpec spec = h.latest().spec();
        int n = spec.cellCount();
        double[][] ms = stats.forTicker(h.ticker(), h.surfaces());
        double[] carry = carryForward.forecast(h).totalVariance();
        double[] sticky = stickyExpiry.forecast(h).totalVariance();
        double[] prev = new double[n];
        double[] mean = new double[n];
        int window = h.window();
        SurfaceReading prevReading = window >= 2 ? new SurfaceReading(h.surfaces().get(window - 2)) : null;
        for (int c = 0; c < n; c++) {
            prev[c] = prevReading != null ? prevReading.cellOrReading(c) : carry[c];
            double sum = 0;
            int cnt = 0;
            for (CanonicalSurface s : h.surfaces()) {
                if (s.mask()[c] && Double.isFinite(s.totalVariance()[c])) {
                    sum += s.totalVariance()[c];
                    cnt++;
                }
            }
            mean[c] = cnt > 0 ? sum / cnt : carry[c];
        }
        double[] last = h.sessionFeatures()[window - 1];
        double[][] x = new double[n][BASE_INPUTS + featureCount];
        for (int c = 0; c < n; c++) {
            int m = c / spec.knotCount();
            double s = ms[1][m];
            double roll = (sticky[c] - carry[c]) / s;
            x[c][0] = 1;
            x[c][1] = roll;
            x[c][2] = finiteOr0((carry[c] - prev[c]) / s);
            x[c][3] = (carry[c] - mean[c]) / s;
            x[c][4] = (carry[c] - ms[0][m]) / s;
            x[c][5] = (h.gapDaysToNext() - 1) / 2.0;
            x[c][6] = h.gapDaysToNext() > 1 ? roll : 0;
            for (int f = 0; f < featureCount; f++) {
                x[c][BASE_INPUTS + f] = last[f];
            }
        }
        return new Inputs(x, carry, ms[1]);
    }

    private static double finiteOr0(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
