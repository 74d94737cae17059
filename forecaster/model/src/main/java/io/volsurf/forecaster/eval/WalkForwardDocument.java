package io.volsurf.forecaster.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.volsurf.forecaster.model.ForecasterConfig;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON document of {@code evaluate --walk-forward --json}: the {@code evaluate} fields of the pooled report, then
 * {@code walkForward}, {@code rmseRatioInterval}, {@code byTenor} and {@code byGap}. One builder for every engine
 * (this JVM's threads, Spark), so they print the same fields from the same results.
 */
public final class WalkForwardDocument {

    private WalkForwardDocument() {
    }

    /**
     * @param mapper      the JSON mapper of the caller (must write {@link LocalDate} as ISO text)
     * @param threads     folds run at once (threads, or Spark's parallelism)
     * @param wallSeconds wall time of the whole run
     * @param config      the training config of every fold
     * @return the document as nested maps and lists, in field order
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(ObjectMapper mapper, WalkForward.Result result,
            WalkForwardStatistics statistics, int threads, double wallSeconds, ForecasterConfig config) {
        WalkForward.Plan plan = result.plan();
        EvaluationReport r = result.scored().report();
        Map<String, Object> doc = new LinkedHashMap<>(mapper.convertValue(r, Map.class));
        Map<String, Object> wf = new LinkedHashMap<>();
        wf.put("folds", plan.folds().size());
        wf.put("retrainEvery", plan.retrainEvery());
        wf.put("minTrainSessions", plan.minTrainSessions());
        wf.put("testSessions", plan.testDates().size());
        wf.put("firstTestSession", plan.testDates().get(0).toString());
        wf.put("lastTestSession", plan.testDates().get(plan.testDates().size() - 1).toString());
        wf.put("burnInSessions", plan.burnIn().stream().map(LocalDate::toString).toList());
        wf.put("threads", threads);
        wf.put("wallSeconds", wallSeconds);
        wf.put("foldDetails", result.folds());
        wf.put("trainingConfig", mapper.convertValue(config, Map.class));
        doc.put("walkForward", wf);
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("vsBestBaseline", statistics.rmseRatioVsBest());
        ratio.put("vsCarryForward", statistics.rmseRatioVsCarryForward());
        doc.put("rmseRatioInterval", ratio);
        doc.put("byTenor", statistics.byTenor());
        doc.put("byGap", statistics.byGap());
        return mapper.convertValue(doc, Map.class);
    }
}
