package io.volsurf.forecaster.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.LinearForecaster;
import io.volsurf.forecaster.baseline.MeanReversionForecaster;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.model.BlendPolicy;
import io.volsurf.forecaster.model.ForecastTrainer;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.ResidualBase;
import io.volsurf.forecaster.model.TrainingProgressListener;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class WalkForwardTest {

    private static final SyntheticSeries SERIES = new SyntheticSeries(0.6, 0.12);

    /** Three tickers, 40 weekday sessions each (2026-01-05 on), window 3. */
    private static List<TrainingSample> pairs(int sessions) {
        List<TrainingSample> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.addAll(SyntheticSeries.pairs(SERIES.surfaces("T" + i, 0.03 + 0.01 * i, sessions, 31 + i), 3));
        }
        Collections.shuffle(out, new java.util.Random(5)); // the plan must not rely on the input order
        return out;
    }

    private static List<SurfaceForecaster> baselines(List<TrainingSample> training) {
        return List.of(new CarryForwardForecaster(), new StickyExpiryForecaster(), MeanReversionForecaster.fit(training),
                LinearForecaster.fit(training, 1.0));
    }

    @Test
    void foldsCutTheTestDatesAfterTheBurnInAndTrainOnEarlierTargetsOnly() {
        List<TrainingSample> all = pairs(40);
        List<LocalDate> dates = all.stream().map(p -> p.target().session()).distinct().sorted().toList();
        WalkForward.Plan plan = WalkForward.plan(all, null, dates.get(dates.size() - 1), 4, 20);
        assertEquals(dates.subList(0, 20), plan.burnIn(), "the first 20 target dates have fewer than 20 before them");
        assertEquals(dates.subList(20, dates.size()), plan.testDates());
        // 37 target dates (40 sessions, window 3), 20 of burn-in, 17 tested in folds of 4: 4, 4, 4, 4, 1
        assertEquals(17, plan.testDates().size());
        assertEquals(List.of(4, 4, 4, 4, 1), plan.folds().stream()
                .map(f -> (int) f.test().stream().map(p -> p.target().session()).distinct().count()).toList());
        for (WalkForward.Fold f : plan.folds()) {
            int first = dates.indexOf(f.firstTest());
            assertEquals(dates.subList(0, first), f.training().stream().map(p -> p.target().session()).distinct()
                    .toList(), "fold " + f.index() + " trains on every earlier date and no other");
            assertEquals(3 * first, f.training().size());
        }
    }

    @Test
    void noFoldEverLearnsFromItsOwnOrALaterSession() {
        List<TrainingSample> all = pairs(40);
        List<LocalDate> dates = all.stream().map(p -> p.target().session()).distinct().sorted().toList();
        WalkForward.Plan plan = WalkForward.plan(all, dates.get(22), dates.get(dates.size() - 1), 3, 15);
        assertTrue(plan.burnIn().isEmpty());
        Map<String, LocalDate> lastTrainedTargetOfForecast = new ConcurrentHashMap<>();
        List<LocalDate> baselineTrainingEnds = Collections.synchronizedList(new ArrayList<>());
        WalkForward.Result r = WalkForward.run(plan, fold -> {
            LocalDate lastTrained = fold.training().stream().map(p -> p.target().session()).max(LocalDate::compareTo)
                    .orElseThrow();
            for (TrainingSample p : fold.training()) {
                for (var s : p.history().surfaces()) {
                    assertTrue(s.session().isBefore(fold.firstTest()), "history session " + s.session());
                }
            }
            SurfaceForecaster fitted = MeanReversionForecaster.fit(fold.training());
            return new SurfaceForecaster() {
                @Override
                public String name() {
                    return "model";
                }

                @Override
                public SurfaceForecast forecast(SurfaceHistory h) {
                    SurfaceForecast f = fitted.forecast(h);
                    lastTrainedTargetOfForecast.put(h.ticker() + "|" + f.forecastFor(), lastTrained);
                    return f;
                }
            };
        }, training -> {
            baselineTrainingEnds.add(training.get(training.size() - 1).target().session());
            return baselines(training);
        }, 3, null, WalkForward.Listener.NONE);

        List<TrainingSample> test = plan.testPairs();
        assertEquals(test.size(), lastTrainedTargetOfForecast.size());
        for (TrainingSample p : test) {
            LocalDate lastTrained = lastTrainedTargetOfForecast.get(p.history().ticker() + "|" + p.target().session());
            assertTrue(lastTrained.isBefore(p.target().session()),
                    "the model forecasting " + p.target().session() + " learnt from " + lastTrained);
        }
        for (WalkForward.Fold f : plan.folds()) {
            assertTrue(f.training().stream().allMatch(p -> p.target().session().isBefore(f.firstTest())));
        }
        // the baselines of each fold were fitted up to the date before its first test date, not beyond
        assertEquals(plan.folds().stream().map(f -> dates.get(dates.indexOf(f.firstTest()) - 1)).sorted().toList(),
                baselineTrainingEnds.stream().sorted().toList());
        assertEquals(dates.size() - 22, r.scored().report().sessions() / 3);
        assertEquals(List.of("carryForward", "stickyExpiry", "drift", "linear"),
                List.copyOf(r.scored().report().baselines().keySet()));
    }

    @Test
    void tooShortAHistoryIsAClearError() {
        List<TrainingSample> all = pairs(15);
        var e = assertThrows(IllegalArgumentException.class,
                () -> WalkForward.plan(all, null, LocalDate.of(2026, 12, 31), 5, 20));
        assertTrue(e.getMessage().contains("--min-train-sessions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WalkForward.plan(all, null, LocalDate.of(2026, 12, 31), 0, 5));
    }

    /** The transformer with dropout on, tiny so that four folds train in seconds. */
    private static ForecasterConfig tiny() {
        ForecasterConfig d = ForecasterConfig.defaults();
        return new ForecasterConfig(true, false, false, BlendPolicy.SVI, ResidualBase.STICKY_EXPIRY, d.lossWeights(),
                null, d.features(), 3, 8, 2, 1, 0.2, 3e-3, 1e-4, 2, 2, 16, 0.1, 0.2, false, d.blendFitRmseThreshold(),
                d.blendMinObservedFraction(), d.informerFactor(), true, 42);
    }

    @Test
    void foldsTrainedInParallelGiveExactlyTheSameResultsAsOneAfterAnother() {
        List<TrainingSample> all = pairs(34);
        List<LocalDate> dates = all.stream().map(p -> p.target().session()).distinct().sorted().toList();
        WalkForward.Plan plan = WalkForward.plan(all, null, dates.get(dates.size() - 1), 4, 22);
        assertTrue(plan.folds().size() >= 3, "folds: " + plan.folds().size());
        WalkForward.ModelFitter transformer = fold -> new ForecastTrainer(tiny()).train(fold.training(),
                TrainingProgressListener.none());

        WalkForward.Result serial = WalkForward.run(plan, transformer, WalkForwardTest::baselines, 1, null,
                WalkForward.Listener.NONE);
        WalkForward.Result parallel = WalkForward.run(plan, transformer, WalkForwardTest::baselines,
                plan.folds().size(), null, WalkForward.Listener.NONE);

        assertEquals(serial.scored().report(), parallel.scored().report());
        PairLosses a = serial.scored().losses();
        PairLosses b = parallel.scored().losses();
        for (int f = 0; f < a.forecasters().size(); f++) {
            assertArrayEquals(a.sse()[f], b.sse()[f], 0, a.forecasters().get(f));
        }
        for (int i = 0; i < serial.folds().size(); i++) {
            assertEquals(serial.folds().get(i).bestEpoch(), parallel.folds().get(i).bestEpoch());
        }
        WalkForwardStatistics s1 = WalkForwardStatistics.of(serial.scored().report(), a, t -> new NyseCalendar(),
                new MovingBlockBootstrap());
        WalkForwardStatistics s2 = WalkForwardStatistics.of(parallel.scored().report(), b, t -> new NyseCalendar(),
                new MovingBlockBootstrap());
        assertEquals(s1, s2);
        assertNotNull(s1.rmseRatioVsBest());
        assertEquals(List.of("weekday", "afterWeekend"), s1.byGap().stream().map(BucketComparison::bucket).toList());
    }
}
