package io.volsurf.bench;

import io.volsurf.forecaster.model.ForecastTrainer;
import io.volsurf.forecaster.model.ModelDirectory;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.forecaster.sample.TrainingSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Trains {@link ForecasterMemoryCheck}'s model and prints each epoch's training and validation loss to full
 * precision (and their bits), then a SHA-256 of the trained parameters: with fixed seeds two runs, in two JVMs,
 * must print the same lines (freed memory read by backward would make them differ, and sometimes crash).
 * {@code java -cp bench/target/benchmarks.jar io.volsurf.bench.TrainingDeterminismCheck [epochs]}; with
 * {@code -XX:+UseSerialGC -Xmn1m} collections (and so frees of unreachable direct buffers) happen every few
 * batches, inside the forward-to-backward window, where freed borrowed memory would show every time.
 */
public final class TrainingDeterminismCheck {

    private TrainingDeterminismCheck() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<TrainingSample> pairs = ForecasterMemoryCheck.pairs();
        long started = System.nanoTime();
        try (TransformerForecaster model = new ForecastTrainer(ForecasterMemoryCheck.config(epochs)).train(pairs,
                p -> System.out.printf(Locale.ROOT, "epoch %3d: train %.17g (%016x) validation %.17g%n", p.epoch(),
                        p.trainLoss(), Double.doubleToLongBits(p.trainLoss()), p.validationLoss()))) {
            double seconds = (System.nanoTime() - started) / 1e9;
            Path dir = Files.createTempDirectory("determinism");
            try {
                new ModelDirectory().save(model, dir);
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(dir.resolve("parameters.bin")));
                System.out.printf(Locale.ROOT, "parameters sha256 %s%n", HexFormat.of().formatHex(digest));
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
            System.out.printf(Locale.ROOT, "trained %d epochs in %.1f s%n", model.summary().epochsRun(), seconds);
        }
    }
}
