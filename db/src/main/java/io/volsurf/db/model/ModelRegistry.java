package io.volsurf.db.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The model registry: one small row per trained model. The application's is {@link PanacheModelRegistry};
 * {@link ModelStore} answers the same on a bare {@link javax.sql.DataSource} (tools and tests outside Quarkus).
 */
public interface ModelRegistry {

    /** Records a trained model (or refreshes its directory and metrics); returns its id. */
    String register(Path modelDir, String configJson, List<String> tickers, LocalDate trainFrom, LocalDate trainTo,
            String metricsJson);

    /** The id of the model in {@code modelDir}, registering it (from its files) when it is not known yet. */
    String idFor(Path modelDir);

    /** The directory of the most recently registered model, if any. */
    Optional<Path> latestModelDir();

    /**
     * The config.json of the model in {@code modelDir} for a row registered from its files, {@code "{}"} when it
     * cannot be read (the id comes from the manifest; a missing config must not stop a forecast from being logged).
     */
    static String configJsonOf(Path modelDir) {
        try {
            return Files.readString(modelDir.resolve("config.json"));
        } catch (IOException e) {
            return "{}";
        }
    }
}
