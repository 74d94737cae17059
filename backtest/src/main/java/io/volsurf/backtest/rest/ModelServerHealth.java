package io.volsurf.backtest.rest;

import io.volsurf.backtest.app.DatabaseStatus;
import io.volsurf.backtest.serving.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the database answers and a model is loaded (a load is tried when none is). */
@Readiness
@ApplicationScoped
public class ModelServerHealth implements HealthCheck {

    private final DatabaseStatus database;
    private final ServedModel servedModel;

    public ModelServerHealth(DatabaseStatus database, ServedModel servedModel) {
        this.database = database;
        this.servedModel = servedModel;
    }

    @Override
    public HealthCheckResponse call() {
        boolean db = database.answers();
        boolean model = db && servedModel.tryLoad();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("model-server").status(db && model)
                .withData("database", db).withData("modelLoaded", model);
        if (model) {
            b.withData("modelId", servedModel.id());
        } else if (servedModel.lastLoadFailure() != null) {
            b.withData("modelFailure", servedModel.lastLoadFailure());
        }
        return b.build();
    }
}
