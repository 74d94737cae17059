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
 * @param dieboldMarianoVsBest  the model against the best baseline by RMSE; null when not computable
 * @param bestBaseline          name of the baseline with the lowest RMSE in vol points
 * @param arbitrage             the model's violations before and after projection
 */
public record EvaluationReport(int sessions, ErrorSummary model, Map<String, ErrorSummary> baselines,
        DieboldMarianoResult dieboldMariano, DieboldMarianoResult dieboldMarianoVsBest, String bestBaseline,
        ArbitrageCounts arbitrage) {
}
