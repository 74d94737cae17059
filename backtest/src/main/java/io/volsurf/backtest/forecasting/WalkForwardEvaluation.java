package io.volsurf.backtest.forecasting;

import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.eval.MovingBlockBootstrap;
import io.volsurf.forecaster.eval.WalkForward;
import io.volsurf.forecaster.eval.WalkForwardStatistics;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.model.ForecastTrainer;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.sample.TrainingSample;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code evaluate --walk-forward}: every test session forecast by a model and baselines fitted only on the sessions
 * before its fold ({@link WalkForward}), the model retrained every K test sessions with one training config, the
 * baselines the same list {@code evaluate} reports (so a baseline added there appears here). Reads the stored
 * surfaces; nothing is written (the folds' models live only in memory).
 */
@ApplicationScoped
public class WalkForwardEvaluation {

    /** Folds with fewer training pairs than this cannot train (the trainer's own minimum). */
    static final int MIN_TRAINING_PAIRS = 10;

    private final ForecastingService forecasting;

    public WalkForwardEvaluation(ForecastingService forecasting) {
        this.forecasting = forecasting;
    }

    /**
     * What to run.
     *
     * @param tickers          tickers pooled (upper case as stored)
     * @param from             first test date; null: the first date after the burn-in
     * @param to               last test date
     * @param retrainEvery     test sessions per fold
     * @param minTrainSessions sessions before the first test session
     * @param config           the model's training config (the same for every fold)
     * @param threads          folds run at once
     * @param pricing          price the next sessions' listed options at every forecast (reads quotes)
     */
    public record Request(List<String> tickers, LocalDate from, LocalDate to, int retrainEvery, int minTrainSessions,
            ForecasterConfig config, int threads, boolean pricing) {
    }

    /**
     * The outcome.
     *
     * @param result      folds, pooled report and per-pair losses
     * @param statistics  bootstrap intervals and per-tenor and per-gap tables
     * @param wallSeconds wall time of the whole run
     */
    public record Outcome(WalkForward.Result result, WalkForwardStatistics statistics, double wallSeconds) {
    }

    public Outcome run(Request request, WalkForward.Listener listener) {
        long started = System.nanoTime();
        int window = request.config().window();
        List<TrainingSample> pairs = new ArrayList<>();
        Map<String, TradingCalendar> calendars = new HashMap<>();
        for (String t : request.tickers()) {
            List<CanonicalSurface> all = forecasting.surfacesUpTo(t, request.to(), request.config().gridSpec());
            if (all.isEmpty()) {
                continue;
            }
            calendars.put(t.toUpperCase(Locale.ROOT), TradingCalendar.inferredFrom(forecasting.sessions(t)));
            pairs.addAll(SampleAssembler.pairs(all, window, all.get(0).session(), request.to()));
        }
        WalkForward.Plan plan = WalkForward.plan(pairs, request.from(), request.to(), request.retrainEvery(),
                request.minTrainSessions());
        WalkForward.Fold first = plan.folds().get(0);
        if (first.training().size() < MIN_TRAINING_PAIRS) {
            throw new IllegalArgumentException("the first fold (test from " + first.firstTest() + ") has only "
                    + first.training().size() + " training pairs for " + request.tickers() + " with window N=" + window
                    + ": raise --min-train-sessions or move --from later");
        }
        ForecasterConfig config = request.config();
        WalkForward.Result result = WalkForward.run(plan,
                fold -> new ForecastTrainer(config).train(fold.training(), p -> { }),
                ForecastingService::evaluationBaselines, request.threads(),
                request.pricing() ? forecasting::listedOptionsOf : null, listener);
        WalkForwardStatistics statistics = WalkForwardStatistics.of(result.scored().report(), result.scored().losses(),
                t -> calendars.getOrDefault(t.toUpperCase(Locale.ROOT), TradingCalendar.inferredFrom(List.of())),
                new MovingBlockBootstrap());
        return new Outcome(result, statistics, (System.nanoTime() - started) / 1e9);
    }
}
