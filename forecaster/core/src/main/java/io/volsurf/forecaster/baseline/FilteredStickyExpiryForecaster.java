package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.calendar.BusinessTime;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Business-time sticky-expiry on a filtered level instead of today's noisy one. Each session of the history gives,
 * by {@link BusinessTimeStickyExpiryForecaster} from that session to the one forecast, a reading of the same
 * expiry's vol per business-time unit at each cell (the expiry the tenor is out tomorrow, its total variance scaled
 * by the business time still to come); under business-time sticky-expiry that level is a random walk, and each
 * reading carries the measurement noise of its session's smile fit. A {@link LocalLevelFilter} per cell, run over
 * the sessions oldest first in business time, gives the filtered level, carried to the next session.
 *
 * <p>The filter runs on the vol, not the total variance: the fit noise is about constant in vol points across the
 * smile and the level, so one noise variance per tenor holds for every cell of it.
 *
 * @param theta         weight of a non-trading day (as {@link BusinessTimeStickyExpiryForecaster})
 * @param noiseVariance per tenor, the variance of a session's fitted vol around the true one (decimal vol squared)
 * @param stateVariance per tenor, the variance the true vol gains per business day (decimal vol squared)
 */
public record FilteredStickyExpiryForecaster(double theta, double[] noiseVariance, double[] stateVariance)
        implements SurfaceForecaster {

    /** Report name; fixed (evaluate's JSON). */
    public static final String NAME = "filteredStickyExpiry";

    /** Parameters of an SVI slice: a fit through n quotes leaves about {@code p / (n - p)} of its residual variance. */
    private static final int SVI_PARAMETERS = 5;

    /** Least state variance, as a share of the one-step error variance: the level is never taken as fixed. */
    private static final double MIN_STATE_SHARE = 0.01;

    public FilteredStickyExpiryForecaster {
        if (noiseVariance.length != stateVariance.length) {
            throw new IllegalArgumentException("one noise and one state variance per tenor expected, got "
                    + noiseVariance.length + " and " + stateVariance.length);
        }
        for (int m = 0; m < noiseVariance.length; m++) {
            if (!(noiseVariance[m] >= 0) || !(stateVariance[m] >= 0) || Double.isInfinite(noiseVariance[m])
                    || Double.isInfinite(stateVariance[m])) {
                throw new IllegalArgumentException("filter variances must be finite and >= 0 at tenor " + m);
            }
        }
        noiseVariance = noiseVariance.clone();
        stateVariance = stateVariance.clone();
        new BusinessTimeStickyExpiryForecaster(theta); // validates theta
    }

    @Override
    public double[] noiseVariance() {
        return noiseVariance.clone();
    }

    @Override
    public double[] stateVariance() {
        return stateVariance.clone();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Fitted on training pairs only: theta as {@link BusinessTimeStickyExpiryForecaster#fit}; per tenor the noise
     * variance from the smile-fit residuals of the training targets (the median over sessions of the slice nearest the
     * tenor of {@code rmse^2 p / (n - p)}, the variance an SVI fit through n quotes keeps of quote noise), but no more
     * than the noise that reverses from one session to the next (minus the lag-1 autocovariance of the one-step errors
     * of business-time sticky-expiry, which is the noise variance under the model): noise that persists across
     * sessions (a stale quote two days running) is no noise a filter can remove. The state variance per business day
     * is the rest of the one-step error variance ({@code Q dB + 2 R} under the model).
     */
    public static FilteredStickyExpiryForecaster fit(List<TrainingSample> training) {
        return fit(training, BusinessTimeStickyExpiryForecaster.fit(training));
    }

    /** As {@link #fit(List)} on a business-time base already fitted to the same pairs (one theta search, not two). */
    public static FilteredStickyExpiryForecaster fit(List<TrainingSample> training,
            BusinessTimeStickyExpiryForecaster base) {
        GridSpec spec = training.get(0).target().spec();
        int tenors = spec.tenorCount();
        int knots = spec.knotCount();
        List<List<Double>> perTenor = new ArrayList<>();
        for (int m = 0; m < tenors; m++) {
            perTenor.add(new ArrayList<>());
        }
        double[] sq = new double[tenors];
        long[] count = new long[tenors];
        double[] lagged = new double[tenors];
        long[] lagCount = new long[tenors];
        double businessDays = 0;
        List<TrainingSample> ordered = new ArrayList<>(training);
        ordered.sort(Comparator.comparing((TrainingSample p) -> p.target().ticker())
                .thenComparing(p -> p.target().session()));
        TrainingSample previousPair = null;
        double[] previous = null;
        for (TrainingSample p : ordered) {
            CanonicalSurface target = p.target();
            for (int m = 0; m < tenors; m++) {
                double r = fitNoiseVariance(target.slices(), spec.tenorYears(m));
                if (Double.isFinite(r)) {
                    perTenor.get(m).add(r);
                }
            }
            // consecutive pairs: this one's forecast starts from the previous one's target
            boolean follows = previousPair != null && previousPair.target().ticker().equals(target.ticker())
                    && previousPair.target().session().equals(p.history().latest().session());
            SurfaceForecast f = base.forecast(p.history());
            double[] errors = new double[spec.cellCount()];
            for (int c = 0; c < spec.cellCount(); c++) {
                double w = target.totalVariance()[c];
                errors[c] = Double.NaN;
                if (!target.mask()[c] || !Double.isFinite(w) || w < 0) {
                    continue;
                }
                int m = c / knots;
                errors[c] = f.impliedVol(c) - Math.sqrt(w / spec.tenorYears(m));
                sq[m] += errors[c] * errors[c];
                count[m]++;
                if (follows && Double.isFinite(previous[c])) {
                    lagged[m] += errors[c] * previous[c];
                    lagCount[m]++;
                }
            }
            LocalDate today = p.history().latest().session();
            businessDays += new BusinessTime(BusinessTimeStickyExpiryForecaster.calendarOf(p.history()), base.theta())
                    .between(today, today.plusDays(p.history().gapDaysToNext()));
            previousPair = p;
            previous = errors;
        }
        double meanStep = businessDays / training.size();
        double[] noise = new double[tenors];
        double[] state = new double[tenors];
        for (int m = 0; m < tenors; m++) {
            double fromResiduals = median(perTenor.get(m));
            double reversing = lagCount[m] > 0 ? Math.max(0, -lagged[m] / lagCount[m]) : Double.POSITIVE_INFINITY;
            // no fitted slice near this tenor: nothing says the level is noisy, so carry it (no filtering)
            noise[m] = Double.isFinite(fromResiduals) ? Math.min(fromResiduals, reversing) : 0;
            double oneStep = count[m] > 0 ? sq[m] / count[m] : 0;
            state[m] = Math.max(oneStep - 2 * noise[m], MIN_STATE_SHARE * oneStep) / Math.max(meanStep, 1e-9);
        }
        return new FilteredStickyExpiryForecaster(base.theta(), noise, state);
    }

    /**
     * The noise variance (decimal vol squared) an SVI fit leaves in its fitted vol, from the slice nearest in maturity
     * to {@code tenorYears}: {@code (rmse/100)^2 p / (n - p)}; NaN when no slice has more quotes than parameters.
     */
    static double fitNoiseVariance(List<SmileSlice> slices, double tenorYears) {
        SmileSlice nearest = null;
        for (SmileSlice s : slices) {
            if (s.quotes() > SVI_PARAMETERS && Double.isFinite(s.rmseVolPoints()) && (nearest == null
                    || Math.abs(s.maturityYears() - tenorYears) < Math.abs(nearest.maturityYears() - tenorYears))) {
                nearest = s;
            }
        }
        if (nearest == null) {
            return Double.NaN;
        }
        double rmse = nearest.rmseVolPoints() / 100;
        return rmse * rmse * SVI_PARAMETERS / (nearest.quotes() - SVI_PARAMETERS);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        List<CanonicalSurface> surfaces = history.surfaces();
        int n = surfaces.size();
        LocalDate next = history.latest().session().plusDays(history.gapDaysToNext());
        TradingCalendar calendar = BusinessTimeStickyExpiryForecaster.calendarOf(history);
        BusinessTime clock = new BusinessTime(calendar, theta);
        BusinessTimeStickyExpiryForecaster base = new BusinessTimeStickyExpiryForecaster(theta);
        // readings[i]: the forecast of the next session made from session i alone, in vol per cell
        SurfaceForecast latest = null;
        GridSpec spec = history.latest().spec();
        double[][] readings = new double[n][];
        double[] steps = new double[n];
        for (int i = 0; i < n; i++) {
            LocalDate session = surfaces.get(i).session();
            int gap = (int) ChronoUnit.DAYS.between(session, next);
            SurfaceHistory upTo = new SurfaceHistory(surfaces.subList(0, i + 1),
                    Arrays.copyOf(history.sessionFeatures(), i + 1), history.featureNames(), gap);
            SurfaceForecast f = base.forecast(upTo, calendar);
            readings[i] = new double[spec.cellCount()];
            for (int c = 0; c < spec.cellCount(); c++) {
                readings[i][c] = f.impliedVol(c);
            }
            steps[i] = i == 0 ? 0 : clock.between(surfaces.get(i - 1).session(), session);
            latest = f;
        }
        int knots = spec.knotCount();
        double[] w = new double[spec.cellCount()];
        double[] series = new double[n];
        for (int c = 0; c < w.length; c++) {
            int m = c / knots;
            for (int i = 0; i < n; i++) {
                series[i] = readings[i][c];
            }
            double vol = LocalLevelFilter.filteredLevel(series, steps, stateVariance[m], noiseVariance[m]);
            w[c] = Double.isFinite(vol) ? vol * vol * spec.tenorYears(m) : latest.totalVariance()[c];
        }
        return new SurfaceForecast(latest.ticker(), latest.forecastFor(), spec, latest.logMoneyness(), w, List.of(),
                null);
    }
}
