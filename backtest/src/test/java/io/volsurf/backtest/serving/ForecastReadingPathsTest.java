package io.volsurf.backtest.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.eval.EvaluationReport;
import io.volsurf.forecaster.eval.ForecastEvaluator;
import io.volsurf.forecaster.eval.ListedOption;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.svi.SviParams;
import io.volsurf.strategy.market.SurfaceForecastView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The REST endpoints ({@link ForecastSurfaceReader}), the backtest ({@link SurfaceForecastView}) and
 * {@code evaluate} ({@link ForecastEvaluator} pricing listed options) read a forecast at the same vols at points
 * between tenors and between knots, for an SVI forecast and for a grid-only one.
 */
class ForecastReadingPathsTest {

    private static final GridSpec SPEC = new GridSpec(new int[] {30, 90, 180}, new double[] {-0.2, 0, 0.2},
            MoneynessScaling.LOG_MONEYNESS);
    private static final List<SviParams> SVI = List.of(new SviParams(0.002, 0.02, -0.5, 0.01, 0.1),
            new SviParams(0.008, 0.04, -0.4, 0.02, 0.15), new SviParams(0.015, 0.05, -0.35, 0.03, 0.2));
    private static final LocalDate SESSION = LocalDate.of(2026, 8, 20);
    private static final double FORWARD = 100;
    private static final double DISCOUNT = 0.99;

    @Test
    void restBacktestAndEvaluateReadTheSameVolsOffTheGrid() {
        for (boolean svi : new boolean[] {true, false}) {
            SurfaceForecast forecast = forecast(svi ? SVI : List.of());
            CanonicalSurface latest = surface(SESSION);
            ForecastSurfaceReader rest = new ForecastSurfaceReader(forecast, latest);
            SurfaceForecastView backtest = new SurfaceForecastView(forecast);
            assertEquals(svi ? "svi" : "grid", rest.source());

            List<ListedOption> listed = new ArrayList<>();
            for (int days : new int[] {41, 60, 77, 130}) {
                double t = days / 365.0;
                for (double k : new double[] {-0.17, -0.06, 0.03, 0.11, 0.19}) {
                    double vol = rest.impliedVol(t, k);
                    assertTrue(vol > 0.05 && vol < 1, "fixture vol " + vol);
                    assertEquals(vol, backtest.impliedVol(t, k), 0.0, "backtest at T=" + t + " k=" + k);
                    boolean call = k >= 0;
                    double strike = FORWARD * Math.exp(k);
                    double price = DISCOUNT * BlackFormula.price(FORWARD, strike, vol, t, call);
                    listed.add(new ListedOption(t, strike, call, FORWARD, DISCOUNT, Double.NaN, Double.NaN, price));
                }
            }
            SurfaceForecaster fixed = new SurfaceForecaster() {
                @Override
                public String name() {
                    return "fixed";
                }

                @Override
                public SurfaceForecast forecast(SurfaceHistory history) {
                    return forecast;
                }
            };
            TrainingSample pair = new TrainingSample(SurfaceHistory.of(List.of(latest), 1), surface(SESSION.plusDays(1)));
            EvaluationReport report = new ForecastEvaluator().evaluate(List.of(pair), fixed, List.of(), p -> listed);
            assertEquals(listed.size(), report.model().pricing().options(), "every point is inside the grid");
            // priced at the vol REST reads: any other reading rule misprices by cents at these points
            assertEquals(0, report.model().pricing().rmseUsd(), 1e-12, svi ? "svi forecast" : "grid-only forecast");
        }
    }

    @Test
    void theCheckSeesADifferentRule() {
        SurfaceForecast forecast = forecast(List.of());
        ForecastSurfaceReader rest = new ForecastSurfaceReader(forecast, surface(SESSION));
        // linear in vol instead of in total variance between the 30- and 90-day tenors, at k = 0
        double t = 60 / 365.0;
        double linearInVol = 0.5 * (forecast.impliedVol(1) + forecast.impliedVol(4));
        double gap = Math.abs(rest.impliedVol(t, 0) - linearInVol);
        assertTrue(gap > 1e-4, "fixture too flat to tell the rules apart: " + gap);
    }

    /** Cells from the SVI slices (so the grid-only forecast has the same cells), unprojected. */
    private static SurfaceForecast forecast(List<SviParams> tenorSvi) {
        double[] k = new double[SPEC.cellCount()];
        double[] w = new double[SPEC.cellCount()];
        for (int m = 0; m < SPEC.tenorCount(); m++) {
            for (int j = 0; j < SPEC.knotCount(); j++) {
                int c = m * SPEC.knotCount() + j;
                k[c] = SPEC.knots()[j];
                w[c] = SVI.get(m).totalVariance(k[c]);
            }
        }
        return new SurfaceForecast("TST", SESSION.plusDays(1), SPEC, k, w, tenorSvi, null);
    }

    private static CanonicalSurface surface(LocalDate session) {
        int n = SPEC.cellCount();
        double[] k = new double[n];
        double[] w = new double[n];
        double[] iv = new double[n];
        for (int c = 0; c < n; c++) {
            int m = c / SPEC.knotCount();
            k[c] = SPEC.knots()[c % SPEC.knotCount()];
            w[c] = SVI.get(m).totalVariance(k[c]);
            iv[c] = Math.sqrt(w[c] / SPEC.tenorYears(m));
        }
        boolean[] mask = new boolean[n];
        Arrays.fill(mask, true);
        double[] spread = new double[n];
        List<SmileSlice> slices = List.of(
                new SmileSlice(session.plusDays(30), SPEC.tenorYears(0), FORWARD, SVI.get(0), -0.2, 0.2, 20, 0.3),
                new SmileSlice(session.plusDays(180), SPEC.tenorYears(2), FORWARD, SVI.get(2), -0.3, 0.3, 20, 0.3));
        return new CanonicalSurface("TST", session, Instant.EPOCH, FORWARD, SPEC, k, w, iv, mask, spread, slices);
    }
}
