package io.volsurf.db.model;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.volsurf.db.entity.ModelEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The model registry through the Panache entity {@link ModelEntity}; each call is its own transaction. */
@ApplicationScoped
public class PanacheModelRegistry implements ModelRegistry {

    @Override
    public String register(Path modelDir, String configJson, List<String> tickers, LocalDate trainFrom,
            LocalDate trainTo, String metricsJson) {
        String id = ModelStore.modelId(modelDir);
        QuarkusTransaction.requiringNew().run(() -> {
            ModelEntity m = ModelEntity.findById(id);
            if (m == null) {
                m = new ModelEntity();
                m.id = id;
                m.config = configJson;
                m.tickers = tickers.toArray(String[]::new);
                m.trainFrom = trainFrom;
                m.trainTo = trainTo;
                m.modelDir = modelDir.toAbsolutePath().toString();
                m.metrics = metricsJson;
                m.persist();
            } else {
                // the same files retrained or moved: where it is now and what it scored; its identity stays
                m.modelDir = modelDir.toAbsolutePath().toString();
                m.metrics = metricsJson;
            }
        });
        return id;
    }

    @Override
    public String idFor(Path modelDir) {
        String id = ModelStore.modelId(modelDir);
        boolean known = QuarkusTransaction.requiringNew().call(() -> ModelEntity.count("id", id) > 0);
        if (!known) {
            register(modelDir, ModelRegistry.configJsonOf(modelDir), List.of(), null, null, "{}");
        }
        return id;
    }

    @Override
    public Optional<Path> latestModelDir() {
        return QuarkusTransaction.requiringNew().call(() -> ModelEntity.latest().map(m -> Path.of(m.modelDir)));
    }
}
