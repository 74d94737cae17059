package io.volsurf.forecaster.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.MeanReversionForecaster;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.sample.SurfaceHistory;
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
    void theTestAgainstTheBestBaselineIsOnThePerDateLossWhenTickersShareDates() {
        List<TrainingSample> pairs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pairs.addAll(SyntheticSeries.pairs(series.surfaces("T" + i, 0.03 + 0.01 * i, 12, 20 + i), 3));
        }
        SurfaceForecaster drift = MeanReversionForecaster.fit(pairs);
        CarryForwardForecaster cf = new CarryForwardForecaster();
        StickyExpiryForecaster sticky = new StickyExpiryForecaster();
        ForecastEvaluator.Scored scored = new ForecastEvaluator().evaluateScored(pairs, drift, List.of(cf, sticky), null);
        EvaluationReport r = scored.report();
        SurfaceForecaster best = r.bestBaseline().equals("carryForward") ? cf : sticky;
        List<LocalDate> dates = pairs.stream().map(p -> p.target().session()).toList();
        DieboldMarianoResult expected = new DieboldMarianoTest(1).test(
                ForecastEvaluator.meanByDate(dates, ForecastEvaluator.sessionLosses(pairs, drift)),
                ForecastEvaluator.meanByDate(dates, ForecastEvaluator.sessionLosses(pairs, best)));
        assertEquals(expected, r.dieboldMarianoVsBest());
        assertEquals(9, r.dieboldMarianoVsBest().sessions(), "one observation per date, not per ticker-session");

        // the per-pair losses behind the report: the same cells for everyone, the mean is evaluate's session loss
        PairLosses losses = scored.losses();
        assertEquals(List.of("model", "carryForward", "stickyExpiry"), losses.forecasters());
        double[] driftLoss = ForecastEvaluator.sessionLosses(pairs, drift);
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(driftLoss[i], losses.sse()[0][i] / losses.cells()[i], 1e-12);
        }
        assertEquals(9, losses.sseByDate("stickyExpiry").length);
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

    /**
     * Flat 20% markets on consecutive days, with options priced at 20% and quoted 0.5% of their price either side:
     * carry-forward prices them exactly and inside every spread; a forecast one vol point high misses by about
     * vega x 0.01 and lands outside the narrow spreads; ITM options and those beyond the grid are not priced.
     */
    @Test
    void listedOptionsArePricedAtEachForecastWithTheRealisedForward() {
        GridSpec spec = GridSpec.defaultSpec();
        LocalDate d0 = LocalDate.of(2026, 8, 3);
        CanonicalSurface today = SyntheticSeries.flatSurface("FLAT", d0, 0.20, spec);
        CanonicalSurface next = SyntheticSeries.flatSurface("FLAT", d0.plusDays(1), 0.20, spec);
        TrainingSample pair = new TrainingSample(SurfaceHistory.of(List.of(today), 1), next);
        double forward = 101;
        double discount = 0.99;
        List<ListedOption> listed = new ArrayList<>();
        for (double t : new double[] {10 / 365.0, 0.25, 0.6}) {
            for (double k : new double[] {-0.12, -0.05, 0, 0.05, 0.12}) {
                double strike = forward * Math.exp(k);
                for (boolean call : new boolean[] {true, false}) {
                    double price = discount * BlackFormula.price(forward, strike, 0.20, t, call);
                    listed.add(new ListedOption(t, strike, call, forward, discount, 0.995 * price, 1.005 * price,
                            price));
                }
            }
        }
        // beyond the grid: 2 days, 400 days, 9 standard deviations
        listed.add(new ListedOption(2 / 365.0, forward * 1.01, true, forward, discount, 0, 1, 0.5));
        listed.add(new ListedOption(400 / 365.0, forward * 1.01, true, forward, discount, 0, 1, 0.5));
        listed.add(new ListedOption(0.25, forward * Math.exp(0.9), true, forward, discount, 0, 1, 0.5));

        List<ListedOption> priced = ForecastEvaluator.pricedOptions(next, listed);
        // out of the money only: 3 calls (k >= 0) and 3 puts (k <= 0) per maturity, but at 10 days the grid
        // reaches only 2 ATM standard deviations, |k| <= 2 x 0.2 x sqrt(7/365) = 0.055, so k = +-0.12 drop there
        assertEquals(16, priced.size());
        assertTrue(priced.stream().allMatch(ListedOption::outOfTheMoney));

        SurfaceForecaster highByOnePoint = new SurfaceForecaster() {
            @Override
            public String name() {
                return "high";
            }

            @Override
            public SurfaceForecast forecast(SurfaceHistory h) {
                double[] w = new double[spec.cellCount()];
                for (int c = 0; c < w.length; c++) {
                    w[c] = 0.21 * 0.21 * spec.tenorYears(c / spec.knotCount());
                }
                return new SurfaceForecast("FLAT", d0.plusDays(1), spec, today.logMoneyness(), w, List.of(), null);
            }
        };
        EvaluationReport r = new ForecastEvaluator().evaluate(List.of(pair), highByOnePoint,
                List.of(new CarryForwardForecaster()), p -> listed);
        OptionPricingError exact = r.baselines().get("carryForward").pricing();
        assertEquals(16, exact.options());
        assertEquals(0, exact.rmseUsd(), 1e-12);
        assertEquals(16, exact.withSpread());
        assertEquals(1.0, exact.shareInsideBidAsk());
        OptionPricingError high = r.model().pricing();
        double sq = 0;
        for (ListedOption o : priced) {
            double err = discount * (BlackFormula.price(forward, o.strike(), 0.21, o.maturityYears(), o.call())
                    - BlackFormula.price(forward, o.strike(), 0.20, o.maturityYears(), o.call()));
            sq += err * err;
        }
        assertEquals(Math.sqrt(sq / 16), high.rmseUsd(), 1e-12);
        assertTrue(high.maeBpOfForward() > 0);
        assertEquals(0.0, high.shareInsideBidAsk());
        assertNull(new ForecastEvaluator().evaluate(List.of(pair), highByOnePoint,
                List.of(new CarryForwardForecaster())).model().pricing());
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
