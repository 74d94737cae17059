package io.volsurf.forecaster.model;

import io.volsurf.forecaster.baseline.BusinessTimeStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.EventVarianceStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.svi.SviParams;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns histories into the network's inputs: per-ticker standardisation, masks (masked values are set to 0 and
 * never read again), Fourier coordinates, the selected features (calendar gap, roll-down, event kink, session
 * features), the residual base surface and its SVI fit per tenor (the SVI head's start), and the blend weights.
 */
public final class SampleEncoder {

    /** Standardised values beyond this are clipped (dirty data must not blow the network up). */
    private static final float CLIP = 10f;

    private final ForecasterConfig config;
    private final NormalizationStats stats;
    private final SurfaceForecaster temporalReference;
    private final CarryForwardForecaster carryForward = new CarryForwardForecaster();
    private final StickyExpiryForecaster stickyExpiry = new StickyExpiryForecaster();
    private final SviRowFitter rowFitter = new SviRowFitter();
    private final SurfaceForecaster linearBase;
    private final BusinessTimeStickyExpiryForecaster businessTime;
    private final EventVarianceStickyExpiryForecaster eventVariance;

    /**
     * @param temporalReference the carry-forward-plus-drift forecaster of the temporal loss term; carry-forward if null
     */
    public SampleEncoder(ForecasterConfig config, NormalizationStats stats, SurfaceForecaster temporalReference) {
        this(config, stats, temporalReference, null);
    }

    /**
     * @param temporalReference the carry-forward-plus-drift forecaster of the temporal loss term; carry-forward if null
     * @param linearBase        the fitted ridge forecaster of {@code residual_base=linear} (required there, else unused)
     */
    public SampleEncoder(ForecasterConfig config, NormalizationStats stats, SurfaceForecaster temporalReference,
            SurfaceForecaster linearBase) {
        if (config.residualBase() == ResidualBase.AUTO) {
            throw new IllegalArgumentException("residual_base=auto is resolved by training (the config of a trained "
                    + "model names the base it chose)");
        }
        if (config.residualBase() == ResidualBase.LINEAR && linearBase == null) {
            throw new IllegalArgumentException("residual_base=linear needs the fitted linear forecaster");
        }
        this.config = config;
        this.stats = stats;
        this.temporalReference = temporalReference != null ? temporalReference : carryForward;
        this.linearBase = linearBase;
        if (config.residualBase().usesBusinessTime() && config.businessTimeTheta() == null) {
            throw new IllegalArgumentException("residual_base=" + config.residualBase().name().toLowerCase(Locale.ROOT)
                    + " needs business_time_theta "
                    + "(the trainer chooses it on the training pairs)");
        }
        this.businessTime = config.businessTimeTheta() == null ? null
                : new BusinessTimeStickyExpiryForecaster(config.businessTimeTheta());
        this.eventVariance = config.businessTimeTheta() == null ? null
                : new EventVarianceStickyExpiryForecaster(config.businessTimeTheta());
    }

    /** Width F of the session-feature input. */
    public int featureCount() {
        int f = (config.uses("gap") ? 1 : 0) + config.sessionFeatures().size();
        return Math.max(f, 1);
    }

    public EncodedSample encode(SurfaceHistory history, CanonicalSurface target) {
        int n = config.window();
        if (history.window() < n) {
            throw new IllegalArgumentException("history: " + history.window() + " surfaces of " + history.ticker()
                    + " up to " + history.latest().session() + ", the model needs N = " + n);
        }
        List<CanonicalSurface> window = history.surfaces().subList(history.window() - n, history.window());
        CanonicalSurface latest = history.latest();
        GridSpec spec = latest.spec();
        if (config.gridSpec() != null && !config.gridSpec().equals(spec)) {
            throw new IllegalArgumentException("grid_spec: the history's " + spec + " differs from the model's "
                    + config.gridSpec());
        }
        int tenors = spec.tenorCount();
        int knots = spec.knotCount();
        int cells = spec.cellCount();
        double[][] ms = stats.forTicker(history.ticker(), window);
        double[] mean = ms[0];
        double[] scale = ms[1];

        float[] values = new float[n * cells];
        float[] mask = new float[n * cells];
        for (int i = 0; i < n; i++) {
            CanonicalSurface s = window.get(i);
            for (int c = 0; c < cells; c++) {
                double w = s.totalVariance()[c];
                if (s.mask()[c] && Double.isFinite(w)) {
                    int m = c / knots;
                    values[i * cells + c] = clip((w - mean[m]) / scale[m]);
                    mask[i * cells + c] = 1f;
                }
            }
        }
        float[] coords = new float[cells * 2];
        double[] knotValues = spec.knots();
        for (int c = 0; c < cells; c++) {
            coords[2 * c] = (float) spec.tenorYears(c / knots);
            coords[2 * c + 1] = (float) knotValues[c % knots];
        }
        float[] features = sessionFeatures(history, window);

        SurfaceForecast cf = carryForward.forecast(history);
        SurfaceForecast sticky = stickyExpiry.forecast(history);
        double[] base = switch (config.residualBase()) {
            case BUSINESS_TIME_STICKY_EXPIRY -> businessTime.forecast(history).totalVariance();
            case EVENT_VARIANCE_STICKY_EXPIRY -> eventVariance.forecast(history).totalVariance();
            case STICKY_EXPIRY -> sticky.totalVariance();
            case CARRY_FORWARD -> cf.totalVariance();
            case LINEAR -> linearBase.forecast(history).totalVariance();
            case AUTO -> throw new IllegalStateException("residual_base=auto is resolved by training");
        };
        double[] kCells = cf.logMoneyness();
        double[] kink = config.uses("event") ? eventKink(latest, spec, history.gapDaysToNext()) : new double[tenors];
        float[] context = new float[cells * 3];
        float[] baseRaw = new float[cells];
        float[] scaleCells = new float[cells];
        float[] kArr = new float[cells];
        for (int c = 0; c < cells; c++) {
            int m = c / knots;
            context[3 * c] = clip((base[c] - mean[m]) / scale[m]);
            context[3 * c + 1] = config.uses("rolldown")
                    ? clip((sticky.totalVariance()[c] - cf.totalVariance()[c]) / scale[m]) : 0f;
            context[3 * c + 2] = (float) kink[m];
            baseRaw[c] = (float) base[c];
            scaleCells[c] = (float) scale[m];
            kArr[c] = (float) kCells[c];
        }

        float[] start = new float[tenors * 5];
        List<SviParams> startSmiles = new ArrayList<>();
        boolean[] gridRows = new boolean[tenors];
        float[] gridWeight = new float[cells];
        float[] fineK = new float[tenors * EncodedSample.FINE_POINTS];
        for (int m = 0; m < tenors; m++) {
            double[] rowK = Arrays.copyOfRange(kCells, m * knots, (m + 1) * knots);
            double[] rowW = Arrays.copyOfRange(base, m * knots, (m + 1) * knots);
            SviRowFitter.RowFit fit = rowFitter.fit(rowK, rowW);
            startSmiles.add(fit.params());
            for (int p = 0; p < 5; p++) {
                start[m * 5 + p] = (float) fit.unconstrained()[p];
            }
            gridRows[m] = useGridRow(latest, m, knots, fit.relativeRmse());
            double lo = Arrays.stream(rowK).min().orElse(-0.1);
            double hi = Arrays.stream(rowK).max().orElse(0.1);
            double width = Math.max(hi - lo, 0.05);
            for (int f = 0; f < EncodedSample.FINE_POINTS; f++) {
                fineK[m * EncodedSample.FINE_POINTS + f] = (float) (lo - 0.25 * width
                        + 1.5 * width * f / (EncodedSample.FINE_POINTS - 1));
            }
            for (int j = 0; j < knots; j++) {
                gridWeight[m * knots + j] = gridRows[m] ? 1f : 0f;
            }
        }
        float[] gap = {history.gapDaysToNext() / 7f};
        float[][] inputs = new float[ModelInputs.COUNT][];
        inputs[ModelInputs.VALUES] = values;
        inputs[ModelInputs.MASK] = mask;
        inputs[ModelInputs.COORDS] = coords;
        inputs[ModelInputs.FEATURES] = features;
        inputs[ModelInputs.CONTEXT] = context;
        inputs[ModelInputs.GAP] = gap;
        inputs[ModelInputs.BASE] = baseRaw;
        inputs[ModelInputs.SCALE] = scaleCells;
        inputs[ModelInputs.SVI_START] = start;
        inputs[ModelInputs.K] = kArr;
        inputs[ModelInputs.GRID_WEIGHT] = gridWeight;

        float[] tgt = null;
        float[] tgtMask = null;
        float[] temporal = null;
        float[] hsW = null;
        float[] spreadMask = null;
        if (target != null) {
            if (!target.spec().equals(spec)) {
                throw new IllegalArgumentException("target: grid_spec differs from the history's");
            }
            tgt = new float[cells];
            tgtMask = new float[cells];
            hsW = new float[cells];
            spreadMask = new float[cells];
            for (int c = 0; c < cells; c++) {
                double w = target.totalVariance()[c];
                if (target.mask()[c] && Double.isFinite(w) && w >= 0) {
                    tgt[c] = (float) w;
                    tgtMask[c] = 1f;
                    double hs = target.halfSpreadVol()[c];
                    if (Double.isFinite(hs) && hs > 0) {
                        double t = spec.tenorYears(c / knots);
                        hsW[c] = (float) (2 * Math.sqrt(w * t) * hs);
                        spreadMask[c] = 1f;
                    }
                }
            }
            double[] ref = temporalReference.forecast(history).totalVariance();
            temporal = new float[cells];
            for (int c = 0; c < cells; c++) {
                temporal[c] = (float) ref[c];
            }
        }
        return new EncodedSample(history.ticker(), latest.session().plusDays(history.gapDaysToNext()), inputs, tgt,
                tgtMask, temporal, hsW, spreadMask, fineK, kCells, startSmiles, gridRows);
    }

    private boolean useGridRow(CanonicalSurface latest, int m, int knots, double fitRelativeRmse) {
        return switch (config.blend()) {
            case SVI -> false;
            case GRID -> true;
            case BLEND -> {
                int observed = 0;
                for (int j = 0; j < knots; j++) {
                    if (latest.mask()[m * knots + j]) {
                        observed++;
                    }
                }
                yield fitRelativeRmse > config.blendFitRmseThreshold()
                        || observed < config.blendMinObservedFraction() * knots;
            }
        };
    }

    private float[] sessionFeatures(SurfaceHistory history, List<CanonicalSurface> window) {
        int n = window.size();
        int f = featureCount();
        float[] out = new float[n * f];
        List<String> selected = config.sessionFeatures();
        int[] index = new int[selected.size()];
        for (int i = 0; i < selected.size(); i++) {
            index[i] = history.featureNames().indexOf(selected.get(i));
            if (index[i] < 0) {
                throw new IllegalArgumentException("features: '" + selected.get(i) + "' is not among the history's "
                        + "session features " + history.featureNames());
            }
        }
        int offset = history.window() - n;
        for (int i = 0; i < n; i++) {
            int col = 0;
            if (config.uses("gap")) {
                long gapDays = i < n - 1
                        ? ChronoUnit.DAYS.between(window.get(i).session(), window.get(i + 1).session())
                        : history.gapDaysToNext();
                out[i * f + col++] = (gapDays - 1) / 2f;
            }
            for (int s = 0; s < index.length; s++) {
                out[i * f + col++] = (float) history.sessionFeatures()[offset + i][index[s]];
            }
        }
        return out;
    }

    /**
     * Per tenor, the log ratio of the ATM forward variance between the listed expiries around tenor + gap to the
     * median forward variance across expiries: a kink in the term structure of total variance flags event variance
     * (earnings) that drops out once the event passes. 0 where fewer than two expiries are listed.
     */
    static double[] eventKink(CanonicalSurface latest, GridSpec spec, int gapDays) {
        double[] out = new double[spec.tenorCount()];
        List<SmileSlice> slices = latest.slices().stream().filter(s -> s.maturityYears() > 0).toList();
        if (slices.size() < 2) {
            return out;
        }
        int n = slices.size();
        double[] t = new double[n + 1];
        double[] fv = new double[n];
        double prevW = 0;
        for (int i = 0; i < n; i++) {
            t[i + 1] = slices.get(i).maturityYears();
            double w = slices.get(i).svi().totalVariance(0);
            double dt = t[i + 1] - t[i];
            fv[i] = dt > 1e-9 ? Math.max((w - prevW) / dt, 1e-8) : Double.NaN;
            prevW = w;
        }
        double[] finite = Arrays.stream(fv).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return out;
        }
        double median = finite[finite.length / 2];
        for (int m = 0; m < out.length; m++) {
            double target = Act365F.yearsOfDays(spec.tenorsDays()[m] + gapDays);
            int bracket = n - 1;
            for (int i = 0; i < n; i++) {
                if (target <= t[i + 1]) {
                    bracket = i;
                    break;
                }
            }
            double v = fv[bracket];
            out[m] = Double.isFinite(v) ? Math.max(-3, Math.min(3, Math.log(v / median))) : 0;
        }
        return out;
    }

    private static float clip(double v) {
        return (float) Math.max(-CLIP, Math.min(CLIP, v));
    }
}
