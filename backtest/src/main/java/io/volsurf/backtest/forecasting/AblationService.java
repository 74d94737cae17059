package io.volsurf.backtest.forecasting;

import io.volsurf.forecaster.eval.DieboldMarianoResult;
import io.volsurf.forecaster.eval.ErrorSummary;
import io.volsurf.forecaster.eval.EvaluationReport;
import io.volsurf.forecaster.model.EpochProgress;
import io.volsurf.forecaster.model.ForecasterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code ablate}: trains and scores each {@link AblationPlan.Variant} on one walk-forward split (training targets,
 * then later test targets) through {@link ForecastingService#trainAndEvaluate}; nothing is stored.
 */
@ApplicationScoped
public class AblationService {

    private final ForecastingService forecasting;

    public AblationService(ForecastingService forecasting) {
        this.forecasting = forecasting;
    }

    /**
     * One variant's result.
     *
     * @param variant            the variant's name ("default", "head=grid", "N=10", ...)
     * @param axis               the axis it varies ("default" for the reference)
     * @param overrides          the config keys it sets on top of the default
     * @param rmseVolPoints      the model's RMSE on the test cells, vol points
     * @param vsCarryForward     RMSE ratio to carry-forward (below 1: the model is better)
     * @param bestBaseline       the baseline with the lowest RMSE on the same cells
     * @param vsBestBaseline     RMSE ratio to that baseline
     * @param dmStatistic        Diebold-Mariano statistic against carry-forward (negative favours the model); NaN
     *                           with fewer than 3 sessions
     * @param dmPValue           its two-sided p-value
     * @param trainSeconds       training wall time
     * @param parameters         trainable parameters
     * @param trainPairs         training pairs (validation slice included)
     * @param testPairs          scored pairs
     * @param epochsRun          epochs before early stopping
     * @param bestEpoch          epoch kept (0: the untrained residual model)
     */
    public record Row(String variant, String axis, List<String> overrides, double rmseVolPoints,
            double vsCarryForward, String bestBaseline, double vsBestBaseline, double dmStatistic, double dmPValue,
            double trainSeconds, long parameters, int trainPairs, int testPairs, int epochsRun, int bestEpoch) {
    }

    /** Told before each variant starts and after each of its epochs. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void variantStarted(int index, int total, AblationPlan.Variant variant) {
        }

        default void epoch(AblationPlan.Variant variant, EpochProgress progress) {
        }

        default void variantDone(int index, int total, Row row) {
        }
    }

    /**
     * @param resolve the config of a variant from its overrides (the user's settings underneath)
     */
    public List<Row> run(List<String> tickers, LocalDate trainFrom, LocalDate trainTo, LocalDate testFrom,
            LocalDate testTo, List<AblationPlan.Variant> variants, Function<List<String>, ForecasterConfig> resolve,
            Listener listener) {
        ForecasterConfig reference = resolve.apply(List.of());
        List<AblationPlan.Variant> distinct = new ArrayList<>();
        List<ForecasterConfig> configs = new ArrayList<>();
        for (AblationPlan.Variant v : variants) {
            ForecasterConfig c;
            try {
                c = resolve.apply(v.overrides());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("variant " + v.name() + ": " + e.getMessage(), e);
            }
            if (!v.axis().equals("default") && c.equals(reference)) {
                continue; // the default itself, already in the table
            }
            distinct.add(v);
            configs.add(c);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            AblationPlan.Variant v = distinct.get(i);
            listener.variantStarted(i, distinct.size(), v);
            ForecastingService.Comparison c;
            try {
                c = forecasting.trainAndEvaluate(tickers, trainFrom, trainTo, testFrom, testTo, configs.get(i),
                        p -> listener.epoch(v, p));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalStateException("variant " + v.name() + ": " + e.getMessage(), e);
            }
            Row row = row(v, c);
            rows.add(row);
            listener.variantDone(i, distinct.size(), row);
        }
        return rows;
    }

    static Row row(AblationPlan.Variant v, ForecastingService.Comparison c) {
        EvaluationReport r = c.report();
        double model = r.model().rmseVolPoints();
        ErrorSummary carry = r.baselines().get("carryForward");
        ErrorSummary best = r.bestBaseline() == null ? null : r.baselines().get(r.bestBaseline());
        DieboldMarianoResult dm = r.dieboldMariano();
        return new Row(v.name(), v.axis(), v.overrides(), model, carry == null ? Double.NaN : model / carry.rmseVolPoints(),
                r.bestBaseline(), best == null ? Double.NaN : model / best.rmseVolPoints(),
                dm == null ? Double.NaN : dm.statistic(), dm == null ? Double.NaN : dm.pValue(),
                c.trainMillis() / 1000.0, c.parameters(), c.trainPairs(), c.testPairs(), c.summary().epochsRun(),
                c.summary().bestEpoch());
    }

    /** The rows as a markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| variant | RMSE (vol pts) | vs carry-forward | vs best baseline | DM vs carry-forward | "
                + "DM p-value | train (s) | epochs (best) | parameters |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f (%s) | %.2f | %.3f | %.1f | %d (%d) | %,d |%n",
                    r.variant(), r.rmseVolPoints(), r.vsCarryForward(), r.vsBestBaseline(), r.bestBaseline(),
                    r.dmStatistic(), r.dmPValue(), r.trainSeconds(), r.epochsRun(), r.bestEpoch(), r.parameters()));
        }
        return sb.toString();
    }
}
