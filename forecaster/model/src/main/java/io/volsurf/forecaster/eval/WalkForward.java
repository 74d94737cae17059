package io.volsurf.forecaster.eval;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Walk-forward evaluation on an expanding window. The test dates (target sessions in the test period after a
 * burn-in of {@code minTrainSessions} earlier sessions) are cut into folds of {@code retrainEvery} consecutive dates;
 * a fold's model and fitted baselines learn from the pairs whose target precedes the fold's first test date, and
 * only those, then forecast the fold's test pairs (whose histories may include earlier test sessions: they are
 * known at the close the forecast is made at). Folds run in parallel on a bounded pool; every fold is a function of
 * its own inputs, so the pooled report is the same whatever the number of threads. The pooled test pairs are scored
 * once by {@link ForecastEvaluator}, as {@code evaluate} scores a single model.
 */
public final class WalkForward {

    private WalkForward() {
    }

    /**
     * One fold.
     *
     * @param index     0-based, in time order
     * @param firstTest its first test date
     * @param lastTest  its last test date
     * @param training  every pair (all tickers) whose target session is before {@code firstTest}, in time order
     * @param test      the pairs whose target session is one of the fold's test dates, in time order
     */
    public record Fold(int index, LocalDate firstTest, LocalDate lastTest, List<TrainingSample> training,
            List<TrainingSample> test) {

        /** Distinct target sessions the fold trains on. */
        public int trainingSessions() {
            return (int) training.stream().map(p -> p.target().session()).distinct().count();
        }
    }

    /**
     * @param retrainEvery     test dates per fold
     * @param minTrainSessions sessions a fold needs to train on
     * @param burnIn           test-period dates skipped because fewer sessions preceded them
     * @param testDates        the scored dates
     * @param folds            the folds, in time order
     */
    public record Plan(int retrainEvery, int minTrainSessions, List<LocalDate> burnIn, List<LocalDate> testDates,
            List<Fold> folds) {

        /** Every test pair, fold after fold. */
        public List<TrainingSample> testPairs() {
            List<TrainingSample> out = new ArrayList<>();
            folds.forEach(f -> out.addAll(f.test()));
            return out;
        }
    }

    /**
     * Cuts the test period into folds.
     *
     * @param pairs            every pair of every ticker up to {@code to} (any order): the training and test pool
     * @param from             first test date; null: the first date after the burn-in
     * @param to               last test date
     * @param retrainEvery     test dates per fold (K)
     * @param minTrainSessions sessions that must precede a test date (M)
     */
    public static Plan plan(List<TrainingSample> pairs, LocalDate from, LocalDate to, int retrainEvery,
            int minTrainSessions) {
        if (retrainEvery < 1) {
            throw new IllegalArgumentException("--retrain-every must be >= 1, got " + retrainEvery);
        }
        if (minTrainSessions < 2) {
            throw new IllegalArgumentException("--min-train-sessions must be >= 2, got " + minTrainSessions);
        }
        List<TrainingSample> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparing((TrainingSample p) -> p.target().session())
                .thenComparing(p -> p.target().ticker().toUpperCase(Locale.ROOT)));
        TreeSet<LocalDate> sessions = new TreeSet<>();
        sorted.forEach(p -> sessions.add(p.target().session()));
        List<LocalDate> burnIn = new ArrayList<>();
        List<LocalDate> testDates = new ArrayList<>();
        for (LocalDate d : sessions) {
            if ((from != null && d.isBefore(from)) || d.isAfter(to)) {
                continue;
            }
            if (sessions.headSet(d, false).size() < minTrainSessions) {
                burnIn.add(d);
            } else {
                testDates.add(d);
            }
        }
        if (testDates.isEmpty()) {
            throw new IllegalArgumentException("no test session " + (from == null ? "up to " + to : "in " + from + ".." + to)
                    + " has " + minTrainSessions + " earlier sessions to train on (" + sessions.size()
                    + " sessions with a full window stored" + (sessions.isEmpty() ? "" : ", " + sessions.first() + ".."
                    + sessions.last()) + "): lower --min-train-sessions, move --from later or ingest more sessions");
        }
        List<Fold> folds = new ArrayList<>();
        for (int start = 0; start < testDates.size(); start += retrainEvery) {
            List<LocalDate> dates = testDates.subList(start, Math.min(start + retrainEvery, testDates.size()));
            LocalDate first = dates.get(0);
            LocalDate last = dates.get(dates.size() - 1);
            int trainEnd = 0;
            while (trainEnd < sorted.size() && sorted.get(trainEnd).target().session().isBefore(first)) {
                trainEnd++;
            }
            List<TrainingSample> test = sorted.stream().filter(p -> !p.target().session().isBefore(first)
                    && !p.target().session().isAfter(last)).toList();
            folds.add(new Fold(folds.size(), first, last, List.copyOf(sorted.subList(0, trainEnd)), test));
        }
        return new Plan(retrainEvery, minTrainSessions, List.copyOf(burnIn), List.copyOf(testDates), List.copyOf(folds));
    }

    /** The model of one fold, fitted on {@code fold.training()} only; closed after the fold when it is closeable. */
    @FunctionalInterface
    public interface ModelFitter {
        SurfaceForecaster fit(Fold fold);
    }

    /** The baselines of one fold (the same names in the same order for every fold), fitted on its training pairs. */
    @FunctionalInterface
    public interface BaselineFitter {
        List<SurfaceForecaster> fit(List<TrainingSample> training);
    }

    /** Told when a fold finishes (from the worker's thread, one call at a time). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (summary, done, total) -> {
        };

        void foldDone(FoldSummary summary, int done, int total);
    }

    /**
     * How one fold went.
     *
     * @param fold          its index
     * @param trainFrom     first training target session (null: no training pairs)
     * @param trainTo       last training target session
     * @param trainSessions distinct training target sessions
     * @param trainPairs    training pairs
     * @param testFrom      first test date
     * @param testTo        last test date
     * @param testPairs     test pairs
     * @param seconds       wall time of the fold (training, baselines, forecasts)
     * @param epochsRun     epochs the model trained (null for a model that is not the transformer)
     * @param bestEpoch     epoch kept (0: the untrained residual base)
     */
    public record FoldSummary(int fold, LocalDate trainFrom, LocalDate trainTo, int trainSessions, int trainPairs,
            LocalDate testFrom, LocalDate testTo, int testPairs, double seconds, Integer epochsRun,
            Integer bestEpoch) implements java.io.Serializable {
    }

    /**
     * @param plan   the folds
     * @param scored the pooled test pairs scored (report and per-pair losses)
     * @param folds  per fold how it went, in fold order
     */
    public record Result(Plan plan, ForecastEvaluator.Scored scored, List<FoldSummary> folds) {
    }

    /**
     * Runs every fold on at most {@code threads} threads and scores the pooled test pairs.
     *
     * @param listedOptions a test pair's listed options for pricing (null: no pricing)
     */
    public static Result run(Plan plan, ModelFitter model, BaselineFitter baselines, int threads,
            Function<TrainingSample, List<ListedOption>> listedOptions, Listener listener) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        int total = plan.folds().size();
        AtomicInteger done = new AtomicInteger();
        Object listenerLock = new Object();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, total), r -> {
            Thread t = new Thread(r, "walk-forward-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<FoldOutcome> outcomes = new ArrayList<>();
        try {
            List<Future<FoldOutcome>> futures = new ArrayList<>();
            for (Fold fold : plan.folds()) {
                futures.add(pool.submit(() -> {
                    FoldOutcome o = fitAndForecast(fold, model, baselines);
                    synchronized (listenerLock) {
                        listener.foldDone(o.summary(), done.incrementAndGet(), total);
                    }
                    return o;
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(await(futures.get(i), plan.folds().get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        return score(plan, outcomes, listedOptions);
    }

    /**
     * Scores the folds' forecasts, pooled, as {@link #run} does: the outcomes of every fold of {@code plan} (any
     * order), however they were computed (this JVM's pool, or other processes running {@link #runFold}).
     */
    public static Result score(Plan plan, List<FoldOutcome> outcomes,
            Function<TrainingSample, List<ListedOption>> listedOptions) {
        List<FoldOutcome> byFold = new ArrayList<>(outcomes);
        byFold.sort(Comparator.comparingInt(o -> o.summary().fold()));
        if (byFold.size() != plan.folds().size()) {
            throw new IllegalArgumentException(byFold.size() + " fold outcomes for a plan of " + plan.folds().size()
                    + " folds");
        }
        List<String> names = byFold.get(0).names();
        for (FoldOutcome o : byFold) {
            if (!o.names().equals(names)) {
                throw new IllegalStateException("fold " + o.summary().fold() + " has forecasters " + o.names()
                        + ", fold 0 has " + names + ": every fold must fit the same baselines");
            }
        }
        List<Replay> replays = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            Map<String, SurfaceForecast> byPair = new HashMap<>();
            for (FoldOutcome o : byFold) {
                byPair.putAll(o.forecasts().get(f));
            }
            replays.add(new Replay(names.get(f), byPair));
        }
        ForecastEvaluator.Scored scored = new ForecastEvaluator().evaluateScored(plan.testPairs(), replays.get(0),
                List.copyOf(replays.subList(1, replays.size())), listedOptions);
        return new Result(plan, scored, byFold.stream().map(FoldOutcome::summary).toList());
    }

    /**
     * What one fold produced: how it went, and each forecaster's forecasts of its test pairs by pair (the model
     * first, then the baselines by name). Serializable: a fold may run in another process (a Spark executor).
     */
    public record FoldOutcome(FoldSummary summary, List<String> names, List<Map<String, SurfaceForecast>> forecasts)
            implements java.io.Serializable {
    }

    /**
     * Runs one fold: fits the model and the baselines on its training pairs and forecasts its test pairs. A function
     * of the fold and the fitters only, so any process given the same inputs returns the same forecasts.
     */
    public static FoldOutcome runFold(Fold fold, ModelFitter modelFitter, BaselineFitter baselineFitter) {
        try {
            return fitAndForecast(fold, modelFitter, baselineFitter);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where(fold) + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(where(fold) + e.getMessage(), e);
        }
    }

    private static String where(Fold fold) {
        return "fold " + fold.index() + " (test " + fold.firstTest() + ".." + fold.lastTest() + "): ";
    }

    private static FoldOutcome fitAndForecast(Fold fold, ModelFitter modelFitter, BaselineFitter baselineFitter)
            throws Exception {
        long started = System.nanoTime();
        SurfaceForecaster model = modelFitter.fit(fold);
        try {
            List<SurfaceForecaster> all = new ArrayList<>();
            all.add(model);
            all.addAll(baselineFitter.fit(fold.training()));
            List<Map<String, SurfaceForecast>> forecasts = new ArrayList<>();
            for (SurfaceForecaster f : all) {
                Map<String, SurfaceForecast> byPair = new HashMap<>();
                for (TrainingSample p : fold.test()) {
                    byPair.put(key(p.history()), f.forecast(p.history()));
                }
                forecasts.add(byPair);
            }
            Integer epochs = null;
            Integer best = null;
            if (model instanceof TransformerForecaster t && t.summary() != null) {
                epochs = t.summary().epochsRun();
                best = t.summary().bestEpoch();
            }
            List<TrainingSample> tr = fold.training();
            FoldSummary summary = new FoldSummary(fold.index(),
                    tr.isEmpty() ? null : tr.get(0).target().session(),
                    tr.isEmpty() ? null : tr.get(tr.size() - 1).target().session(), fold.trainingSessions(), tr.size(),
                    fold.firstTest(), fold.lastTest(), fold.test().size(), (System.nanoTime() - started) / 1e9,
                    epochs, best);
            // the model is the first forecaster; names are what the report uses
            List<String> names = new ArrayList<>();
            names.add("model");
            all.subList(1, all.size()).forEach(b -> names.add(b.name()));
            return new FoldOutcome(summary, names, forecasts);
        } finally {
            if (model instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    private static FoldOutcome await(Future<FoldOutcome> future, Fold fold) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("walk-forward interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String where = where(fold);
            if (cause instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(where + iae.getMessage(), iae);
            }
            throw new IllegalStateException(where + cause.getMessage(), cause);
        }
    }

    private static String key(SurfaceHistory h) {
        return h.ticker().toUpperCase(Locale.ROOT) + "|" + h.latest().session();
    }

    /** A fold's forecasts, served back by pair so that one evaluator scores every fold's forecasts together. */
    private record Replay(String name, Map<String, SurfaceForecast> byPair) implements SurfaceForecaster {
        @Override
        public SurfaceForecast forecast(SurfaceHistory history) {
            SurfaceForecast f = byPair.get(key(history));
            if (f == null) {
                throw new IllegalStateException(name + " made no forecast at " + key(history));
            }
            return f;
        }
    }
}
