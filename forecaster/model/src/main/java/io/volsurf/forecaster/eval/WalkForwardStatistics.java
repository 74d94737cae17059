package io.volsurf.forecaster.eval;

import io.volsurf.forecaster.calendar.TradingCalendar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The statistics a walk-forward evaluation adds to {@code evaluate}'s: a moving-block bootstrap interval of the
 * model's RMSE ratio to the best baseline and to carry-forward (resampling dates, the tickers of a date together),
 * and per tenor and per {@link GapClass} the RMSE of every forecaster with the model's ratios.
 *
 * @param rmseRatioVsBest         model / best baseline (by overall RMSE); null without baselines or with under 2 dates
 * @param rmseRatioVsCarryForward model / carry-forward; null without carry-forward or with under 2 dates
 * @param byTenor                 one row per tenor
 * @param byGap                   one row per gap class that occurs, in {@link GapClass} order
 */
public record WalkForwardStatistics(BootstrapInterval rmseRatioVsBest, BootstrapInterval rmseRatioVsCarryForward,
        List<BucketComparison> byTenor, List<BucketComparison> byGap) {

    public WalkForwardStatistics {
        byTenor = List.copyOf(byTenor);
        byGap = List.copyOf(byGap);
    }

    /**
     * @param report     the evaluation of the pooled test pairs
     * @param losses     its per-pair losses
     * @param calendarOf a ticker's exchange calendar (for the gap classes)
     * @param bootstrap  the resampling
     */
    public static WalkForwardStatistics of(EvaluationReport report, PairLosses losses,
            Function<String, TradingCalendar> calendarOf, MovingBlockBootstrap bootstrap) {
        String best = report.bestBaseline();
        boolean hasCarry = losses.forecasters().contains("carryForward");
        int dates = losses.dates().size();
        BootstrapInterval vsBest = best != null && dates >= 2
                ? bootstrap.rmseRatio(losses.sseByDate("model"), losses.sseByDate(best)) : null;
        BootstrapInterval vsCarry = hasCarry && dates >= 2
                ? bootstrap.rmseRatio(losses.sseByDate("model"), losses.sseByDate("carryForward")) : null;

        List<BucketComparison> byTenor = new ArrayList<>();
        List<BucketError> modelTenors = report.model().byTenor();
        for (int m = 0; m < modelTenors.size(); m++) {
            Map<String, Double> rmse = new LinkedHashMap<>();
            rmse.put("model", modelTenors.get(m).rmseVolPoints());
            for (Map.Entry<String, ErrorSummary> e : report.baselines().entrySet()) {
                rmse.put(e.getKey(), e.getValue().byTenor().get(m).rmseVolPoints());
            }
            byTenor.add(row(modelTenors.get(m).bucket(), null, modelTenors.get(m).cells(), rmse, best));
        }

        int pairs = losses.targets().size();
        GapClass[] gap = new GapClass[pairs];
        for (int i = 0; i < pairs; i++) {
            gap[i] = GapClass.of(calendarOf.apply(losses.tickers().get(i)), losses.latest().get(i),
                    losses.targets().get(i));
        }
        List<BucketComparison> byGap = new ArrayList<>();
        for (GapClass g : GapClass.values()) {
            int count = 0;
            long cells = 0;
            double[] sse = new double[losses.forecasters().size()];
            for (int i = 0; i < pairs; i++) {
                if (gap[i] == g) {
                    count++;
                    cells += losses.cells()[i];
                    for (int f = 0; f < sse.length; f++) {
                        sse[f] += losses.sse()[f][i];
                    }
                }
            }
            if (count == 0) {
                continue;
            }
            Map<String, Double> rmse = new LinkedHashMap<>();
            for (int f = 0; f < sse.length; f++) {
                rmse.put(losses.forecasters().get(f), cells > 0 ? Math.sqrt(sse[f] / cells) : 0.0);
            }
            byGap.add(row(g.label(), count, cells, rmse, best));
        }
        return new WalkForwardStatistics(vsBest, vsCarry, byTenor, byGap);
    }

    private static BucketComparison row(String bucket, Integer pairs, long cells, Map<String, Double> rmse,
            String overallBest) {
        double model = rmse.get("model");
        String bestHere = null;
        double bestHereRmse = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Double> e : rmse.entrySet()) {
            if (!e.getKey().equals("model") && e.getValue() < bestHereRmse) {
                bestHere = e.getKey();
                bestHereRmse = e.getValue();
            }
        }
        return new BucketComparison(bucket, pairs, cells, rmse,
                overallBest == null ? null : ratio(model, rmse.get(overallBest)), bestHere,
                bestHere == null ? null : ratio(model, bestHereRmse),
                rmse.containsKey("carryForward") ? ratio(model, rmse.get("carryForward")) : null);
    }

    private static Double ratio(double a, double b) {
        return b > 0 ? a / b : null;
    }
}
