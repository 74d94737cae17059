package io.volsurf.forecaster.eval;

import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.model.ForecastTrainer;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.sample.SampleAssembler;
import io.volsurf.forecaster.sample.TrainingSample;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One walk-forward evaluation ({@code evaluate --walk-forward}) as data: what to read, how to cut folds and the
 * training config of every fold's model. Every step is a function of the spec and the stored surfaces, so the folds
 * can run on this JVM's threads ({@link #run}) or in other processes ({@link #runFold} on Spark executors) with the
 * same forecasts; {@link WalkForward#score} pools them. Serializable: it travels to executors (the config as JSON).
 *
 * @param tickers          tickers pooled (upper case as stored)
 * @param from             first test date; null: the first date after the burn-in
 * @param to               last test date
 * @param retrainEvery     test sessions per fold (K)
 * @param minTrainSessions sessions before the first test session (M)
 * @param configJson       the training config of every fold's model ({@link ForecasterConfig#toJson()})
 */
public record WalkForwardSpec(List<String> tickers, LocalDate from, LocalDate to, int retrainEvery,
        int minTrainSessions, String configJson) implements Serializable {

    /** Folds with fewer training pairs than this cannot train (the trainer's own minimum). */
    public static final int MIN_TRAINING_PAIRS = 10;

    public WalkForwardSpec {
        tickers = List.copyOf(tickers);
        if (retrainEvery < 1) {
            throw new IllegalArgumentException("--retrain-every must be >= 1, got " + retrainEvery);
        }
        if (minTrainSessions < 2) {
            throw new IllegalArgumentException("--min-train-sessions must be >= 2, got " + minTrainSessions);
        }
    }

    public static WalkForwardSpec of(List<String> tickers, LocalDate from, LocalDate to, int retrainEvery,
            int minTrainSessions, ForecasterConfig config) {
        return new WalkForwardSpec(tickers, from, to, retrainEvery, minTrainSessions, config.toJson());
    }

    public ForecasterConfig config() {
        return ForecasterConfig.fromJson(configJson);
    }

    /** Where the stored surfaces come from (the market store, read by the caller's connection). */
    public interface SurfaceSource {
        /** Every stored surface of {@code ticker} up to {@code to}, in session order. */
        List<CanonicalSurface> surfacesUpTo(String ticker, LocalDate to);

        /** Every stored session of {@code ticker}, in order. */
        List<LocalDate> sessions(String ticker);
    }

    /**
     * What the evaluation reads.
     *
     * @param pairs     every pair of every ticker up to {@code to}
     * @param calendars each ticker's trading calendar (upper case), for the per-gap table
     */
    public record Inputs(List<TrainingSample> pairs, Map<String, TradingCalendar> calendars) {
    }

    public Inputs read(SurfaceSource source) {
        int window = config().window();
        List<TrainingSample> pairs = new ArrayList<>();
        Map<String, TradingCalendar> calendars = new HashMap<>();
        for (String t : tickers) {
            List<CanonicalSurface> all = source.surfacesUpTo(t, to);
            if (all.isEmpty()) {
                continue;
            }
            calendars.put(t.toUpperCase(Locale.ROOT), TradingCalendar.inferredFrom(source.sessions(t)));
            pairs.addAll(SampleAssembler.pairs(all, window, all.get(0).session(), to));
        }
        return new Inputs(List.copyOf(pairs), Map.copyOf(calendars));
    }

    /** The folds; refused when the first one has too few pairs to train on. */
    public WalkForward.Plan plan(Inputs inputs) {
        WalkForward.Plan plan = WalkForward.plan(inputs.pairs(), from, to, retrainEvery, minTrainSessions);
        WalkForward.Fold first = plan.folds().get(0);
        if (first.training().size() < MIN_TRAINING_PAIRS) {
            throw new IllegalArgumentException("the first fold (test from " + first.firstTest() + ") has only "
                    + first.training().size() + " training pairs for " + tickers + " with window N="
                    + config().window() + ": raise --min-train-sessions or move --from later");
        }
        return plan;
    }

    /** Every fold on at most {@code threads} threads of this JVM, pooled and scored. */
    public WalkForward.Result run(WalkForward.Plan plan, int threads,
            Function<TrainingSample, List<ListedOption>> listedOptions, WalkForward.Listener listener) {
        ForecasterConfig config = config();
        return WalkForward.run(plan, fold -> new ForecastTrainer(config).train(fold.training(), p -> { }),
                EvaluationBaselines::fit, threads, listedOptions, listener);
    }

    /** One fold of {@code plan}, as {@link #run} computes it. */
    public WalkForward.FoldOutcome runFold(WalkForward.Plan plan, int fold) {
        ForecasterConfig config = config();
        return WalkForward.runFold(plan.folds().get(fold),
                f -> new ForecastTrainer(config).train(f.training(), p -> { }), EvaluationBaselines::fit);
    }

    /** Bootstrap intervals and per-tenor and per-gap tables of the pooled result. */
    public WalkForwardStatistics statistics(Inputs inputs, WalkForward.Result result) {
        return WalkForwardStatistics.of(result.scored().report(), result.scored().losses(),
                t -> inputs.calendars().getOrDefault(t.toUpperCase(Locale.ROOT), TradingCalendar.inferredFrom(List.of())),
                new MovingBlockBootstrap());
    }
}
