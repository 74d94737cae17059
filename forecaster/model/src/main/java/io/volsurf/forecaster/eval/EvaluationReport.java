package io.volsurf.forecaster.eval;

import java.util.Map;

/**
 * The {@code evaluate --json} document: the model's errors beside the baselines' on the same cells.
 *
 * @param sessions              number of forecast sessions scored
 * @param model                 errors of the model under test
 * @param baselines             errors of each baseline by name (carryForward, stickyExpiry, drift, linear)
 * @param dieboldMariano        the model against carry-forward (negative statistic: the model is better);
 *                              null with fewer than 3 sessions
 * @param dieboldMarianoVsBest  the model against the best baseline by RMSE, on the per-date loss averaged across
 *                              tickers when several tickers are scored (as {@code dieboldMarianoByDate}), on the
 *                              per-session loss for one ticker; null when not computable
 * @param bestBaseline          name of the baseline with the lowest RMSE in vol points
 * @param arbitrage             the model's violations before and after projection
 * @param baselinesVsCarryForward each baseline other than carry-forward against carry-forward (negative statistic:
 *                              the baseline is better), so that a model's edge can be read against what a
 *                              baseline already gets; empty with fewer than 3 sessions
 * @param dieboldMarianoByDate  the model against carry-forward on the per-date loss averaged across tickers: the
 *                              tickers of one date share the market's move, so this is the test that does not
 *                              count one market day as several independent sessions; null with fewer than 3
 *                              dates or a single ticker
 */
public record EvaluationReport(int sessions, ErrorSummary model, Map<String, ErrorSummary> baselines,
        DieboldMarianoResult dieboldMariano, DieboldMarianoResult dieboldMarianoVsBest, String bestBaseline,
        ArbitrageCounts arbitrage, Map<String, DieboldMarianoResult> baselinesVsCarryForward,
        DieboldMarianoResult dieboldMarianoByDate) {

    public EvaluationReport {
        baselinesVsCarryForward = Map.copyOf(baselinesVsCarryForward);
    }
}
