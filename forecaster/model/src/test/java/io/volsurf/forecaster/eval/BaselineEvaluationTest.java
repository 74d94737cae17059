package io.volsurf.forecaster.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.LinearForecaster;
import io.volsurf.forecaster.baseline.MeanReversionForecaster;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fitted baselines scored by the evaluator against carry-forward on a mean-reverting synthetic series. */
class BaselineEvaluationTest {

    private final SyntheticSeries series = new SyntheticSeries(0.5, 0.15);

    @Test
    void fittedDriftAndLinearBaselinesBeatCarryForwardOnMeanRevertingData() {
        List<TrainingSample> train = new ArrayList<>();
        List<TrainingSample> test = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<TrainingSample> pairs = SyntheticSeries.pairs(series.surfaces("T" + i, 0.03 + 0.02 * i, 200, 10 + i), 5);
            int cut = (int) (0.7 * pairs.size());
            train.addAll(pairs.subList(0, cut));
            test.addAll(pairs.subList(cut, pairs.size()));
        }
        MeanReversionForecaster drift = MeanReversionForecaster.fit(train);
        for (double kappa : drift.kappaByTenor()) {
            assertTrue(kappa > 0.2 && kappa < 0.8, "kappa " + kappa + " should be near 1 - phi = 0.5");
        }
        LinearForecaster linear = LinearForecaster.fit(train, 1.0);
        CarryForwardForecaster cf = new CarryForwardForecaster();
        EvaluationReport r = new ForecastEvaluator().evaluate(test, drift,
                List.of(cf, new StickyExpiryForecaster(), linear));
        double cfRmse = r.baselines().get("carryForward").rmseVolPoints();
        assertTrue(r.model().rmseVolPoints() < 0.95 * cfRmse, "drift " + r.model().rmseVolPoints() + " vs cf " + cfRmse);
        assertTrue(r.baselines().get("linear").rmseVolPoints() < 0.95 * cfRmse);
        assertTrue(r.dieboldMariano().statistic() < 0, "DM statistic should favour the drift baseline");
        assertEquals(test.size(), r.sessions());
        assertEquals(3, r.model().byTenor().size());
    }
}
