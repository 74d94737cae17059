package io.volsurf.forecaster.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.MeanReversionForecaster;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastEvaluatorTest {

    private final SyntheticSeries series = new SyntheticSeries(0.5, 0.15);

    @Test
    void meanByDateAveragesTheTickersOfEachDateInDateOrder() {
        LocalDate d1 = LocalDate.of(2026, 8, 3);
        LocalDate d2 = LocalDate.of(2026, 8, 4);
        double[] byDate = ForecastEvaluator.meanByDate(List.of(d2, d1, d2, d1), new double[] {1, 2, 3, 6});
        assertArrayEquals(new double[] {4, 2}, byDate, 0);
    }

    @Test
    void everyBaselineIsTestedAgainstCarryForwardAndTheModelAlsoPerDate() {
        List<TrainingSample> pairs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pairs.addAll(SyntheticSeries.pairs(series.surfaces("T" + i, 0.03 + 0.01 * i, 12, 20 + i), 3));
        }
        SurfaceForecaster drift = MeanReversionForecaster.fit(pairs);
        CarryForwardForecaster cf = new CarryForwardForecaster();
        StickyExpiryForecaster sticky = new StickyExpiryForecaster();
        EvaluationReport r = new ForecastEvaluator().evaluate(pairs, drift, List.of(cf, sticky));

        assertEquals(List.of("stickyExpiry"), List.copyOf(r.baselinesVsCarryForward().keySet()));
        DieboldMarianoTest dm = new DieboldMarianoTest(1);
        double[] cfLoss = ForecastEvaluator.sessionLosses(pairs, cf);
        DieboldMarianoResult expected = dm.test(ForecastEvaluator.sessionLosses(pairs, sticky), cfLoss);
        assertEquals(expected, r.baselinesVsCarryForward().get("stickyExpiry"));

        List<LocalDate> dates = pairs.stream().map(p -> p.target().session()).toList();
        DieboldMarianoResult byDate = r.dieboldMarianoByDate();
        assertNotNull(byDate);
        assertEquals(dates.stream().distinct().count(), byDate.sessions());
        assertEquals(dm.test(ForecastEvaluator.meanByDate(dates, ForecastEvaluator.sessionLosses(pairs, drift)),
                ForecastEvaluator.meanByDate(dates, cfLoss)), byDate);
    }

    @Test
    void noPerDateTestForASingleTicker() {
        List<TrainingSample> pairs = SyntheticSeries.pairs(series.surfaces("ONE", 0.04, 10, 3), 3);
        pairs.sort(Comparator.comparing(p -> p.target().session()));
        EvaluationReport r = new ForecastEvaluator().evaluate(pairs, new StickyExpiryForecaster(),
                List.of(new CarryForwardForecaster()));
        assertNotNull(r.dieboldMariano());
        assertNull(r.dieboldMarianoByDate());
    }
}
