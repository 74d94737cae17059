package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.testsupport.SyntheticSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Pooling tickers of very different noise: the per-ticker loss weights keep one ticker from owning the loss. */
class TickerLossWeightsTest {

    /** Each ticker's share of the base's data loss (squared standardised error times the mask). */
    private static Map<String, Double> shares(List<EncodedSample> samples) {
        Map<String, Double> byTicker = new java.util.TreeMap<>();
        double total = 0;
        for (EncodedSample e : samples) {
            float[] base = e.inputs()[ModelInputs.BASE];
            float[] scale = e.inputs()[ModelInputs.SCALE];
            double sum = 0;
            for (int c = 0; c < base.length; c++) {
                double err = (base[c] - e.target()[c]) / scale[c];
                sum += err * err * e.targetMask()[c];
            }
            byTicker.merge(e.ticker(), sum, Double::sum);
            total += sum;
        }
        double t = total;
        byTicker.replaceAll((k, v) -> v / t);
        return byTicker;
    }

    /**
     * A calm ticker and one whose variance moves ten times as much, the same number of sessions: unweighted, the
     * noisy one owns about three quarters of the base's loss (the per-ticker scale absorbs only part of it);
     * weighted, each owns its share of the cells (about half).
     */
    @Test
    void aNoisyTickerNoLongerDominatesTheLoss() {
        List<TrainingSample> pairs = new ArrayList<>();
        pairs.addAll(SyntheticSeries.pairs(new SyntheticSeries(0.5, 0.02).surfaces("CALM", 0.04, 60, 1), 5));
        pairs.addAll(SyntheticSeries.pairs(new SyntheticSeries(0.5, 0.2).surfaces("WILD", 0.04, 60, 2), 5));
        List<CanonicalSurface> surfaces = new ArrayList<>();
        pairs.forEach(p -> {
            surfaces.addAll(p.history().surfaces());
            surfaces.add(p.target());
        });
        Properties p = new Properties();
        p.setProperty("business_time_theta", "0.1");
        p.setProperty("residual_base", "business_time_sticky_expiry");
        ForecasterConfig cfg = ForecasterConfig.fromProperties(p).withGridSpec(SyntheticSeries.SPEC);
        SampleEncoder encoder = new SampleEncoder(cfg, NormalizationStats.fit(surfaces), null);
        List<EncodedSample> encoded = pairs.stream().map(s -> encoder.encode(s.history(), s.target())).toList();

        Map<String, Double> before = shares(encoded);
        assertTrue(before.get("WILD") > 0.7, "unweighted shares " + before);

        Map<String, Double> weights = ForecastTrainer.tickerLossWeights(encoded);
        assertTrue(weights.get("CALM") > weights.get("WILD"), "weights " + weights);
        Map<String, Double> after = shares(ForecastTrainer.weighted(encoded, weights));
        assertEquals(0.5, after.get("CALM"), 0.05, "weighted shares " + after);
        assertEquals(0.5, after.get("WILD"), 0.05, "weighted shares " + after);
    }

    @Test
    void weightsCanBeSwitchedOffAndDefaultOn() {
        assertTrue(ForecasterConfig.defaults().tickerLossWeights());
        Properties p = new Properties();
        p.setProperty("ticker_loss_weights", "false");
        assertEquals(false, ForecasterConfig.fromProperties(p).tickerLossWeights());
    }
}
