package io.volsurf.forecaster.eval;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.sample.TrainingSample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Scores a model and its baselines on the next sessions' observed cells: the same cells for every forecaster, RMSE
 * in vol points and total variance, MAPE, per tenor and per moneyness knot, and a Diebold-Mariano test on the
 * per-session mean squared vol error against carry-forward and against the best baseline (the latter on the
 * per-date loss averaged across tickers when there are several).
 */
public final class ForecastEvaluator {

    private final DieboldMarianoTest dieboldMariano = new DieboldMarianoTest(1);

    /**
     * @param pairs     test pairs (history, realised next surface), never seen in training
     * @param model     the forecaster under test
     * @param baselines baselines; one named "carryForward" is the Diebold-Mariano benchmark
     */
    public EvaluationReport evaluate(List<TrainingSample> pairs, SurfaceForecaster model,
            List<SurfaceForecaster> baselines) {
        return evaluate(pairs, model, baselines, null);
    }

    /**
     * As {@link #evaluate(List, SurfaceForecaster, List)}, also pricing each target session's listed options at
     * every forecast ({@link OptionPricingError}): the same options for every forecaster, those out of the money
     * and inside the target surface's grid.
     *
     * @param listedOptions the listed options of a pair's target session; null for no pricing
     */
    public EvaluationReport evaluate(List<TrainingSample> pairs, SurfaceForecaster model,
            List<SurfaceForecaster> baselines, Function<TrainingSample, List<ListedOption>> listedOptions) {
        return evaluateScored(pairs, model, baselines, listedOptions).report();
    }

    /**
     * The report and the per-pair losses behind it.
     *
     * @param report the {@code evaluate} report
     * @param losses per pair, every forecaster's squared vol-point errors (model first, then the baselines in order)
     */
    public record Scored(EvaluationReport report, PairLosses losses) {
    }

    /** As {@link #evaluate(List, SurfaceForecaster, List, Function)}, keeping the per-pair losses. */
    public Scored evaluateScored(List<TrainingSample> pairs, SurfaceForecaster model,
            List<SurfaceForecaster> baselines, Function<TrainingSample, List<ListedOption>> listedOptions) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("pairs: nothing to evaluate");
        }
        List<SurfaceForecaster> all = new ArrayList<>();
        all.add(model);
        all.addAll(baselines);
        GridSpec spec = pairs.get(0).target().spec();
        List<Accumulator> acc = new ArrayList<>();
        all.forEach(f -> acc.add(new Accumulator(spec)));
        long arbBefore = 0;
        long arbAfter = 0;
        for (TrainingSample pair : pairs) {
            List<ListedOption> options = listedOptions == null ? null
                    : pricedOptions(pair.target(), listedOptions.apply(pair));
            List<SurfaceForecast> forecasts = new ArrayList<>();
            for (SurfaceForecaster f : all) {
                forecasts.add(f.forecast(pair.history()));
            }
            SurfaceForecast mf = forecasts.get(0);
            if (mf.projection() != null) {
                arbBefore += mf.projection().violationsBefore();
                arbAfter += mf.projection().violationsAfter();
            }
            for (int i = 0; i < all.size(); i++) {
                acc.get(i).addSession(forecasts.get(i), pair.target());
                if (options != null) {
                    acc.get(i).addPricing(forecasts.get(i), options);
                }
            }
        }
        Map<String, ErrorSummary> baseSummaries = new LinkedHashMap<>();
        int bestIndex = -1;
        int carryIndex = -1;
        double bestRmse = Double.POSITIVE_INFINITY;
        for (int i = 1; i < all.size(); i++) {
            ErrorSummary s = acc.get(i).summary();
            baseSummaries.put(all.get(i).name(), s);
            if (s.rmseVolPoints() < bestRmse) {
                bestRmse = s.rmseVolPoints();
                bestIndex = i;
            }
            if (all.get(i).name().equals("carryForward")) {
                carryIndex = i;
            }
        }
        String best = bestIndex > 0 ? all.get(bestIndex).name() : null;
        DieboldMarianoResult vsCarry = null;
        DieboldMarianoResult vsBest = null;
        Map<String, DieboldMarianoResult> baselineVsCarry = new LinkedHashMap<>();
        List<LocalDate> dates = pairs.stream().map(p -> p.target().session()).toList();
        boolean severalTickers = pairs.stream().map(p -> p.history().ticker()).distinct().count() > 1;
        boolean perDate = severalTickers && new TreeSet<>(dates).size() >= 3;
        if (pairs.size() >= 3) {
            double[] lossModel = acc.get(0).sessionLosses();
            if (bestIndex > 0 && perDate) {
                // the tickers of one date share the market's move: one date is one observation
                vsBest = dieboldMariano.test(meanByDate(dates, lossModel),
                        meanByDate(dates, acc.get(bestIndex).sessionLosses()));
            } else if (bestIndex > 0 && !severalTickers) {
                vsBest = dieboldMariano.test(lossModel, acc.get(bestIndex).sessionLosses());
            }
            if (carryIndex > 0) {
                double[] lossCarry = acc.get(carryIndex).sessionLosses();
                vsCarry = dieboldMariano.test(lossModel, lossCarry);
                for (int i = 1; i < all.size(); i++) {
                    if (i != carryIndex) {
                        baselineVsCarry.put(all.get(i).name(),
                                dieboldMariano.test(acc.get(i).sessionLosses(), lossCarry));
                    }
                }
            }
        }
        DieboldMarianoResult byDate = null;
        if (carryIndex > 0 && perDate) {
            byDate = dieboldMariano.test(meanByDate(dates, acc.get(0).sessionLosses()),
                    meanByDate(dates, acc.get(carryIndex).sessionLosses()));
        }
        EvaluationReport report = new EvaluationReport(pairs.size(), acc.get(0).summary(), baseSummaries, vsCarry,
                vsBest, best, new ArbitrageCounts(arbBefore, arbAfter), baselineVsCarry, byDate);
        double[][] sse = new double[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            sse[i] = acc.get(i).sessionSse();
        }
        List<String> names = new ArrayList<>();
        names.add("model"); // as the report names it, whatever the forecaster under test calls itself
        baselines.forEach(b -> names.add(b.name()));
        PairLosses losses = new PairLosses(names,
                pairs.stream().map(p -> p.history().ticker()).toList(),
                pairs.stream().map(p -> p.history().latest().session()).toList(), dates, sse, acc.get(0).sessionCells());
        return new Scored(report, losses);
    }

    /**
     * The options of a target session that every forecaster is priced on: out of the money against the realised
     * forward, and inside the target's grid (between its first and last tenor, and between the outer knots of the
     * tenor rows around the maturity), where no forecast extrapolates.
     */
    static List<ListedOption> pricedOptions(CanonicalSurface target, List<ListedOption> listed) {
        GridSpec spec = target.spec();
        int n = spec.knotCount();
        int last = spec.tenorCount() - 1;
        double[] k = target.logMoneyness();
        List<ListedOption> out = new ArrayList<>();
        for (ListedOption o : listed) {
            double t = o.maturityYears();
            if (!o.outOfTheMoney() || !(t >= spec.tenorYears(0) && t <= spec.tenorYears(last))) {
                continue;
            }
            int hi = spec.firstTenorAtOrAbove(t);
            int lo = Math.max(hi - 1, 0);
            double kMin = Math.max(k[lo * n], k[hi * n]);
            double kMax = Math.min(k[lo * n + n - 1], k[hi * n + n - 1]);
            double km = o.logMoneyness();
            if (km >= kMin && km <= kMax) {
                out.add(o);
            }
        }
        return out;
    }

    /** Per forecast date (ascending), the mean of the losses of that date's ticker-sessions. */
    static double[] meanByDate(List<LocalDate> dates, double[] losses) {
        TreeMap<LocalDate, double[]> sums = new TreeMap<>();
        for (int i = 0; i < losses.length; i++) {
            double[] sc = sums.computeIfAbsent(dates.get(i), d -> new double[2]);
            sc[0] += losses[i];
            sc[1]++;
        }
        return sums.values().stream().mapToDouble(sc -> sc[0] / sc[1]).toArray();
    }

    /** Per-session mean squared vol error (squared vol points) of one forecaster, for custom tests. */
    public static double[] sessionLosses(List<TrainingSample> pairs, SurfaceForecaster forecaster) {
        Accumulator a = new Accumulator(pairs.get(0).target().spec());
        for (TrainingSample p : pairs) {
            a.addSession(forecaster.forecast(p.history()), p.target());
        }
        return a.sessionLosses();
    }

    private static final class Accumulator {
        private final GridSpec spec;
        private final double[] sqVolByTenor;
        private final long[] nByTenor;
        private final double[] sqVolByKnot;
        private final long[] nByKnot;
        private double sqVol;
        private double sqW;
        private double ape;
        private long apeN;
        private long n;
        private final List<Double> sessionSse = new ArrayList<>();
        private final List<Long> sessionCells = new ArrayList<>();
        private boolean pricingSeen;
        private long priced;
        private double priceSq;
        private double absBp;
        private long withSpread;
        private long inside;

        Accumulator(GridSpec spec) {
            this.spec = spec;
            sqVolByTenor = new double[spec.tenorCount()];
            nByTenor = new long[spec.tenorCount()];
            sqVolByKnot = new double[spec.knotCount()];
            nByKnot = new long[spec.knotCount()];
        }

        void addSession(SurfaceForecast f, CanonicalSurface target) {
            if (!f.spec().equals(target.spec())) {
                throw new IllegalArgumentException("forecast grid_spec differs from the target's at " + target.session());
            }
            int knots = spec.knotCount();
            double sessionSq = 0;
            int sessionN = 0;
            for (int c = 0; c < spec.cellCount(); c++) {
                double wt = target.totalVariance()[c];
                if (!target.mask()[c] || !Double.isFinite(wt) || wt < 0) {
                    continue;
                }
                int m = c / knots;
                double t = spec.tenorYears(m);
                double volTrue = Math.sqrt(wt / t);
                double volHat = f.impliedVol(c);
                double e = 100 * (volHat - volTrue);
                double ew = f.totalVariance()[c] - wt;
                sqVol += e * e;
                sqW += ew * ew;
                n++;
                if (volTrue > 0) {
                    ape += Math.abs(volHat - volTrue) / volTrue;
                    apeN++;
                }
                sqVolByTenor[m] += e * e;
                nByTenor[m]++;
                sqVolByKnot[c % knots] += e * e;
                nByKnot[c % knots]++;
                sessionSq += e * e;
                sessionN++;
            }
            sessionSse.add(sessionSq);
            sessionCells.add((long) sessionN);
        }

        void addPricing(SurfaceForecast f, List<ListedOption> options) {
            pricingSeen = true;
            for (ListedOption o : options) {
                double vol = f.impliedVol(o.maturityYears(), o.logMoneyness());
                if (!(vol >= 0) || !Double.isFinite(vol)) {
                    continue;
                }
                double model = o.discount()
                        * BlackFormula.price(o.forward(), o.strike(), vol, o.maturityYears(), o.call());
                double err = model - o.priceUsd();
                priced++;
                priceSq += err * err;
                absBp += 1e4 * Math.abs(err) / o.forward();
                if (o.hasSpread()) {
                    withSpread++;
                    if (model >= o.bidUsd() && model <= o.askUsd()) {
                        inside++;
                    }
                }
            }
        }

        /** Per session the mean squared vol error; a session without observed cells scores zero for everyone. */
        double[] sessionLosses() {
            double[] out = new double[sessionSse.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = sessionCells.get(i) > 0 ? sessionSse.get(i) / sessionCells.get(i) : 0.0;
            }
            return out;
        }

        double[] sessionSse() {
            return sessionSse.stream().mapToDouble(Double::doubleValue).toArray();
        }

        long[] sessionCells() {
            return sessionCells.stream().mapToLong(Long::longValue).toArray();
        }

        ErrorSummary summary() {
            List<BucketError> tenors = new ArrayList<>();
            int[] days = spec.tenorsDays();
            for (int m = 0; m < days.length; m++) {
                tenors.add(new BucketError(days[m] + "d", rmse(sqVolByTenor[m], nByTenor[m]), nByTenor[m]));
            }
            List<BucketError> knots = new ArrayList<>();
            double[] k = spec.knots();
            for (int j = 0; j < k.length; j++) {
                knots.add(new BucketError(String.format(Locale.ROOT, "k=%.2f", k[j]), rmse(sqVolByKnot[j], nByKnot[j]),
                        nByKnot[j]));
            }
            OptionPricingError pricing = pricingSeen
                    ? new OptionPricingError(priced, rmse(priceSq, priced), priced > 0 ? absBp / priced : 0,
                            withSpread, withSpread > 0 ? Double.valueOf((double) inside / withSpread) : null)
                    : null;
            return new ErrorSummary(rmse(sqVol, n), rmse(sqW, n), apeN > 0 ? 100 * ape / apeN : 0, n, tenors, knots,
                    pricing);
        }

        private static double rmse(double sq, long count) {
            return count > 0 ? Math.sqrt(sq / count) : 0;
        }
    }
}
