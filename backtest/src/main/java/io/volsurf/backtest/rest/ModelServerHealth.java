package io.volsurf.backtest.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the database answers and a model is loaded (a load is tried when none is). */
@Readiness
@ApplicationScoped
public class ModelServerHealth implements HealthCheck {

    private final ModelServerService service;

    public ModelServerHealth(ModelServerService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        boolean db = service.databaseAnswers();
        boolean model = db && service.tryLoadModel();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("model-server").status(db && model)
                .withData("database", db).withData("modelLoaded", model);
        if (model) {
            b.withData("modelId", service.modelId());
        } else if (service.lastLoadFailure() != null) {
            b.withData("modelFailure", service.lastLoadFailure());
        }
        return b.build();
    }
}
