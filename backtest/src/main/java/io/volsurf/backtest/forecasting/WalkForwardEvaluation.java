package io.volsurf.backtest.forecasting;

import io.volsurf.forecaster.eval.WalkForward;
import io.volsurf.forecaster.eval.WalkForwardSpec;
import io.volsurf.forecaster.eval.WalkForwardStatistics;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.model.ForecasterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code evaluate --walk-forward}: every test session forecast by a model and baselines fitted only on the sessions
 * before its fold ({@link WalkForward}), the model retrained every K test sessions with one training config, the
 * baselines the same list {@code evaluate} reports (so a baseline added there appears here). Reads the stored
 * surfaces; nothing is written (the folds' models live only in memory). The steps are {@link WalkForwardSpec}'s,
 * which the Spark job runs too; here the folds run on this JVM's threads.
 */
@ApplicationScoped
public class WalkForwardEvaluation {

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
        WalkForwardSpec spec = WalkForwardSpec.of(request.tickers(), request.from(), request.to(),
                request.retrainEvery(), request.minTrainSessions(), request.config());
        WalkForwardSpec.Inputs inputs = spec.read(new WalkForwardSpec.SurfaceSource() {
            @Override
            public List<CanonicalSurface> surfacesUpTo(String ticker, LocalDate to) {
                return forecasting.surfacesUpTo(ticker, to, request.config().gridSpec());
            }

            @Override
            public List<LocalDate> sessions(String ticker) {
                return forecasting.sessions(ticker);
            }
        });
        WalkForward.Plan plan = spec.plan(inputs);
        WalkForward.Result result = spec.run(plan, request.threads(),
                request.pricing() ? forecasting::listedOptionsOf : null, listener);
        return new Outcome(result, spec.statistics(inputs, result), (System.nanoTime() - started) / 1e9);
    }
}
