package io.volsurf.bench;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.model.BlendPolicy;
import io.volsurf.forecaster.model.ForecastTrainer;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Resident memory (VmRSS) while the forecaster trains 100 epochs on a small generated set, sampled every 10 epochs,
 * then over 10,000 forecasts: the native arrays of each batch, validation pass and forecast must be released, so
 * RSS levels off after the first epochs instead of growing with them.
 * {@code java -cp bench/target/benchmarks.jar io.volsurf.bench.ForecasterMemoryCheck [epochs] [forecasts]}
 */
public final class ForecasterMemoryCheck {

    private ForecasterMemoryCheck() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int forecasts = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        List<TrainingSample> pairs = pairs();
        ForecasterConfig config = config(epochs);
        System.out.printf(Locale.ROOT, "start: VmRSS %d kB (%d pairs, %d epochs)%n", NativeMemoryCheck.rssKb(),
                pairs.size(), epochs);
        long started = System.nanoTime();
        try (TransformerForecaster model = new ForecastTrainer(config).train(pairs, p -> {
            if (p.epoch() == 1 || p.epoch() % 10 == 0) {
                System.gc(); // heap garbage is not a leak: count what survives a collection
                System.out.printf(Locale.ROOT, "epoch %3d: VmRSS %d kB, Java heap live %d kB, train loss %.5f%n",
                        p.epoch(), rssQuietly(), usedHeapKb(), p.trainLoss());
            }
        })) {
            System.out.printf(Locale.ROOT, "trained %d epochs in %.1f s%n", model.summary().epochsRun(),
                    (System.nanoTime() - started) / 1e9);
            for (int i = 1; i <= forecasts; i++) {
                model.forecast(pairs.get(i % pairs.size()).history());
                if (i % (forecasts / 5) == 0) {
                    System.gc();
                    System.out.printf(Locale.ROOT, "after %d forecasts: VmRSS %d kB, Java heap live %d kB%n", i,
                            rssQuietly(), usedHeapKb());
                }
            }
        }
        System.out.printf(Locale.ROOT, "model closed: VmRSS %d kB%n", NativeMemoryCheck.rssKb());
    }

    /** An AR(1) level of variance under a fixed smile shape: 60 sessions, N = 5, 55 pairs. */
    static List<TrainingSample> pairs() {
        Random random = new Random(7);
        List<CanonicalSurface> series = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 1, 5);
        double v = 0.04;
        for (int i = 0; i < 60; i++) {
            series.add(ForecastBenchmark.surface(day, v));
            v = 0.04 + 0.8 * (v - 0.04) + 0.004 * random.nextGaussian();
            v = Math.max(v, 0.005);
            day = day.plusDays(day.getDayOfWeek().getValue() == 5 ? 3 : 1);
        }
        List<TrainingSample> pairs = new ArrayList<>();
        for (int t = 5; t < series.size(); t++) {
            int gap = (int) java.time.temporal.ChronoUnit.DAYS.between(series.get(t - 1).session(),
                    series.get(t).session());
            pairs.add(new TrainingSample(SurfaceHistory.of(series.subList(t - 5, t), gap), series.get(t)));
        }
        return pairs;
    }

    /** Both heads (blend), so that every block of the network trains; no early stopping. */
    static ForecasterConfig config(int epochs) {
        ForecasterConfig d = ForecasterConfig.defaults();
        return new ForecasterConfig(true, true, false, BlendPolicy.BLEND, d.residualBase(),
                d.lossWeights(), null, d.features(), d.window(), d.dModel(), d.heads(), d.layers(), d.dropout(),
                d.learningRate(), d.weightDecay(), epochs, epochs + 1, d.batchSize(), d.warmupFraction(),
                d.validationFraction(), d.huber(), d.blendFitRmseThreshold(), d.blendMinObservedFraction(),
                d.informerFactor(), d.project(), d.seed());
    }

    private static long rssQuietly() {
        try {
            return NativeMemoryCheck.rssKb();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long usedHeapKb() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1024;
    }
}
