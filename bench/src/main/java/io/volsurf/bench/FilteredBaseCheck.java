package io.volsurf.bench;

import io.agroal.api.AgroalDataSource;
import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.baseline.BusinessTimeStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.FilteredStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.eval.DieboldMarianoResult;
import io.volsurf.forecaster.eval.DieboldMarianoTest;
import io.volsurf.forecaster.eval.ForecastEvaluator;
import io.volsurf.forecaster.eval.PairLosses;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The filtered business-time base against business-time sticky-expiry on a stored database, on a fixed split: both
 * fitted on the pairs whose targets lie in the training range, scored on those in the test range (window 5, the
 * model's default), per tenor and overall, with the Diebold-Mariano test on the per-date loss (squared vol points
 * averaged over the date's cells of every ticker). Deribit tickers are left out (the split is the US one).
 * <pre>java -cp bench/target/benchmarks.jar io.volsurf.bench.FilteredBaseCheck DB_URL TRAIN_FROM TRAIN_TO TEST_FROM
 * TEST_TO</pre>
 */
public final class FilteredBaseCheck {

    private static final int WINDOW = 5;

    private FilteredBaseCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            throw new IllegalArgumentException("usage: FilteredBaseCheck DB_URL TRAIN_FROM TRAIN_TO TEST_FROM TEST_TO "
                    + "[TARGET_DB_URL]");
        }
        LocalDate trainFrom = LocalDate.parse(args[1]);
        LocalDate trainTo = LocalDate.parse(args[2]);
        LocalDate testFrom = LocalDate.parse(args[3]);
        LocalDate testTo = LocalDate.parse(args[4]);
        List<TrainingSample> training = new ArrayList<>();
        List<TrainingSample> test = new ArrayList<>();
        try (AgroalDataSource ds = DatabaseWriteCheck.pool(DatabaseTarget.parse(args[0]))) {
            MarketDataStore store = new MarketDataStore(ds);
            for (String ticker : store.tickers()) {
                if ("deribit".equals(store.venueOf(ticker))) {
                    continue;
                }
                List<CanonicalSurface> all = store.surfaces(ticker, trainFrom.minusDays(30), testTo);
                training.addAll(pairs(all, trainFrom, trainTo));
                test.addAll(pairs(all, testFrom, testTo));
            }
        }
        if (args.length == 6) {
            test = retargeted(test, args[5]);
        }
        long started = System.nanoTime();
        BusinessTimeStickyExpiryForecaster business = BusinessTimeStickyExpiryForecaster.fit(training);
        FilteredStickyExpiryForecaster filtered = FilteredStickyExpiryForecaster.fit(training);
        System.out.printf("training pairs %d, test pairs %d; fitted in %.1f s%n", training.size(), test.size(),
                (System.nanoTime() - started) / 1e9);
        GridSpec spec = test.get(0).target().spec();
        System.out.printf("theta %.2f%n", filtered.theta());
        for (int m = 0; m < spec.tenorCount(); m++) {
            double r = filtered.noiseVariance()[m];
            double q = filtered.stateVariance()[m];
            System.out.printf("tenor %3dd: noise sd %.3f vol pts, state sd %.3f vol pts per business day, q/r %.2f%n",
                    spec.tenorsDays()[m], 100 * Math.sqrt(r), 100 * Math.sqrt(q), r > 0 ? q / r : Double.NaN);
        }
        FilteredStickyExpiryForecaster moments = momentFilter(training, business);
        for (int m = 0; m < spec.tenorCount(); m++) {
            System.out.printf("tenor %3dd, noise from the one-step errors' lag-1 autocovariance: noise sd %.3f vol pts, "
                    + "state sd %.3f%n", spec.tenorsDays()[m], 100 * Math.sqrt(moments.noiseVariance()[m]),
                    100 * Math.sqrt(moments.stateVariance()[m]));
        }
        List<SurfaceForecaster> forecasters = List.of(filtered, business, new CarryForwardForecaster(),
                new Renamed("filteredMomentNoise", moments));
        ForecastEvaluator.Scored scored = new ForecastEvaluator().evaluateScored(test, filtered,
                forecasters.subList(1, forecasters.size()), null);
        PairLosses losses = scored.losses();
        for (SurfaceForecaster f : forecasters) {
            String name = f.name();
            var summary = name.equals(filtered.name()) ? scored.report().model() : scored.report().baselines().get(name);
            StringBuilder line = new StringBuilder(String.format("%-26s RMSE %.3f", name, summary.rmseVolPoints()));
            summary.byTenor().forEach(b -> line.append(String.format("  %s %.3f", b.bucket(), b.rmseVolPoints())));
            System.out.println(line);
        }
        double[] b = perDateMse(losses, business.name());
        for (String name : List.of("model", "filteredMomentNoise")) {
            double[] a = perDateMse(losses, name);
            DieboldMarianoResult dm = new DieboldMarianoTest(1).test(a, b);
            double rmse = name.equals("model") ? scored.report().model().rmseVolPoints()
                    : scored.report().baselines().get(name).rmseVolPoints();
            System.out.printf("%s / business-time RMSE ratio %.4f; per-date Diebold-Mariano (%d dates) %s%n",
                    name.equals("model") ? filtered.name() : name,
                    rmse / scored.report().baselines().get(business.name()).rmseVolPoints(), a.length, dm);
        }
    }

    /** A forecaster under another report name. */
    private record Renamed(String name, SurfaceForecaster inner) implements SurfaceForecaster {
        @Override
        public io.volsurf.forecaster.baseline.SurfaceForecast forecast(SurfaceHistory history) {
            return inner.forecast(history);
        }
    }

    /**
     * The filter with its noise variance estimated from the day-to-day changes instead of the fit residuals: under the
     * local-level model consecutive one-step errors of carrying the level share one session's noise, so their lag-1
     * autocovariance is minus the noise variance; the state variance is the rest of the one-step error variance.
     */
    private static FilteredStickyExpiryForecaster momentFilter(List<TrainingSample> training,
            BusinessTimeStickyExpiryForecaster business) {
        GridSpec spec = training.get(0).target().spec();
        int tenors = spec.tenorCount();
        int knots = spec.knotCount();
        double[] sq = new double[tenors];
        double[] lag = new double[tenors];
        long[] n = new long[tenors];
        long[] nLag = new long[tenors];
        double steps = 0;
        io.volsurf.forecaster.calendar.BusinessTime clock = new io.volsurf.forecaster.calendar.BusinessTime(
                new io.volsurf.forecaster.calendar.NyseCalendar(), business.theta());
        double[] previous = null;
        TrainingSample previousPair = null;
        for (TrainingSample p : training) {
            var f = business.forecast(p.history());
            CanonicalSurface target = p.target();
            double[] e = new double[spec.cellCount()];
            boolean follows = previousPair != null && previousPair.target().ticker().equals(target.ticker())
                    && previousPair.target().session().equals(p.history().latest().session());
            for (int c = 0; c < e.length; c++) {
                double w = target.totalVariance()[c];
                e[c] = target.mask()[c] && Double.isFinite(w) && w >= 0
                        ? f.impliedVol(c) - Math.sqrt(w / spec.tenorYears(c / knots)) : Double.NaN;
                int m = c / knots;
                if (Double.isFinite(e[c])) {
                    sq[m] += e[c] * e[c];
                    n[m]++;
                    if (follows && Double.isFinite(previous[c])) {
                        lag[m] += e[c] * previous[c];
                        nLag[m]++;
                    }
                }
            }
            LocalDate today = p.history().latest().session();
            steps += clock.between(today, today.plusDays(p.history().gapDaysToNext()));
            previous = e;
            previousPair = p;
        }
        double meanStep = steps / training.size();
        double[] r = new double[tenors];
        double[] q = new double[tenors];
        for (int m = 0; m < tenors; m++) {
            double var = n[m] > 0 ? sq[m] / n[m] : 0;
            r[m] = nLag[m] > 0 ? Math.max(0, -lag[m] / nLag[m]) : 0;
            q[m] = Math.max(var - 2 * r[m], 0.01 * var) / meanStep;
        }
        return new FilteredStickyExpiryForecaster(business.theta(), r, q);
    }

    /**
     * The test pairs with each target replaced by the same ticker's session stored in another database (surfaces built
     * from another IV source): forecasts from one source scored against the other's surfaces. Pairs whose target the
     * other database lacks are dropped.
     */
    private static List<TrainingSample> retargeted(List<TrainingSample> test, String url) throws Exception {
        List<TrainingSample> out = new ArrayList<>();
        try (AgroalDataSource ds = DatabaseWriteCheck.pool(DatabaseTarget.parse(url))) {
            MarketDataStore store = new MarketDataStore(ds);
            java.util.Map<String, java.util.Map<LocalDate, CanonicalSurface>> byTicker = new java.util.HashMap<>();
            for (TrainingSample p : test) {
                String ticker = p.target().ticker();
                var sessions = byTicker.computeIfAbsent(ticker, t -> {
                    java.util.Map<LocalDate, CanonicalSurface> m = new java.util.HashMap<>();
                    store.surfaces(t, LocalDate.of(1900, 1, 1), LocalDate.of(2200, 1, 1))
                            .forEach(x -> m.put(x.session(), x));
                    return m;
                });
                CanonicalSurface other = sessions.get(p.target().session());
                if (other != null) {
                    out.add(new TrainingSample(p.history(), other));
                }
            }
        }
        System.out.printf("targets from %s: %d of %d test pairs%n", url, out.size(), test.size());
        return out;
    }

    /** Per target date, the squared vol-point error per scored cell over all tickers of that date. */
    private static double[] perDateMse(PairLosses losses, String forecaster) {
        double[] row = losses.sse()[losses.indexOf(forecaster)];
        TreeMap<LocalDate, double[]> byDate = new TreeMap<>();
        for (int i = 0; i < row.length; i++) {
            double[] acc = byDate.computeIfAbsent(losses.targets().get(i), d -> new double[2]);
            acc[0] += row[i];
            acc[1] += losses.cells()[i];
        }
        return byDate.values().stream().mapToDouble(x -> x[0] / Math.max(1, x[1])).toArray();
    }

    private static List<TrainingSample> pairs(List<CanonicalSurface> sessions, LocalDate from, LocalDate to) {
        List<TrainingSample> out = new ArrayList<>();
        for (int t = WINDOW; t < sessions.size(); t++) {
            CanonicalSurface target = sessions.get(t);
            if (target.session().isBefore(from) || target.session().isAfter(to)) {
                continue;
            }
            List<CanonicalSurface> hist = sessions.subList(t - WINDOW, t);
            int gap = (int) Math.max(1, ChronoUnit.DAYS.between(hist.get(WINDOW - 1).session(), target.session()));
            out.add(new TrainingSample(SurfaceHistory.of(hist, gap), target));
        }
        return out;
    }
}
