package io.volsurf.backtest.serving;

import io.volsurf.backtest.app.VolsurfServerConfig;
import io.volsurf.db.model.ModelRegistry;
import io.volsurf.db.model.ModelStore;
import io.volsurf.forecaster.model.ModelDirectory;
import io.volsurf.forecaster.model.TransformerForecaster;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The one model the server forecasts with, loaded once: an explicit choice ({@link #choose}), else config
 * {@code volsurf.model-dir}, else the most recently registered in the models table.
 */
@ApplicationScoped
public class ServedModel {

    private static final Logger LOG = Logger.getLogger(ServedModel.class);

    /** A model in memory. DJL inference on one model is serialised on {@link #forecaster}. */
    record LoadedModel(String id, Path dir, TransformerForecaster forecaster) {
    }

    private final VolsurfServerConfig config;
    private final ModelRegistry registry;
    private final Object loadLock = new Object();
    private volatile LoadedModel model;
    private volatile Path chosenDir;
    private volatile String lastLoadFailure;

    public ServedModel(VolsurfServerConfig config, ModelRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /**
     * Serves the model in {@code dir} from the next load on. An explicit choice replaces whatever a probe or request
     * loaded lazily before: {@code replaced} is told that model's id (to drop its cached forecasts), then it is closed.
     */
    void choose(Path dir, Consumer<String> replaced) {
        Path chosen = dir.toAbsolutePath().normalize();
        synchronized (loadLock) {
            chosenDir = chosen;
            LoadedModel previous = model;
            if (previous != null && !previous.dir().equals(chosen)) {
                model = null;
                replaced.accept(previous.id());
                synchronized (previous.forecaster()) {
                    previous.forecaster().close();
                }
            }
        }
    }

    /** True when a model is in memory. */
    public boolean loaded() {
        return model != null;
    }

    /** Loads a model when none is, without throwing; true when one is loaded afterwards. */
    public boolean tryLoad() {
        try {
            get();
            return true;
        } catch (ModelUnavailableException e) {
            return false;
        }
    }

    /** The loaded model's id, or null. */
    public String id() {
        LoadedModel m = model;
        return m == null ? null : m.id();
    }

    /** The failure of the last load attempt, or null. */
    public String lastLoadFailure() {
        return lastLoadFailure;
    }

    /** The model in memory, or null: never loads (safe on an I/O thread). */
    LoadedModel peek() {
        return model;
    }

    /**
     * The model, loaded when none is.
     *
     * @throws ModelUnavailableException when no model can be loaded
     */
    LoadedModel get() {
        LoadedModel m = model;
        if (m != null) {
            return m;
        }
        synchronized (loadLock) {
            if (model != null) {
                return model;
            }
            Path dir = chosenDir != null ? chosenDir : config.modelDir().orElse(null);
            String origin = dir != null ? "volsurf.model-dir" : "the models table";
            if (dir == null) {
                dir = latestRegisteredModelDir().orElse(null);
                if (dir == null) {
                    lastLoadFailure = "no model configured (volsurf.model-dir) and none registered: run "
                            + "'./volsurf train' first";
                    throw new ModelUnavailableException(lastLoadFailure);
                }
            }
            dir = dir.toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
                lastLoadFailure = "no model in " + dir + " (from " + origin + "): manifest.json missing";
                throw new ModelUnavailableException(lastLoadFailure);
            }
            try {
                TransformerForecaster f = new ModelDirectory().load(dir);
                model = new LoadedModel(ModelStore.modelId(dir), dir, f);
                lastLoadFailure = null;
                LOG.infof("serving model %s from %s", model.id(), dir);
                return model;
            } catch (RuntimeException e) {
                lastLoadFailure = "cannot load the model in " + dir + ": " + e.getMessage();
                throw new ModelUnavailableException(lastLoadFailure, e);
            }
        }
    }

    private Optional<Path> latestRegisteredModelDir() {
        try {
            return registry.latestModelDir();
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot read the models table");
            throw new ModelUnavailableException("cannot read the models table (is the database up?); the server log "
                    + "has the cause", e);
        }
    }

    @PreDestroy
    void close() {
        LoadedModel m = model;
        if (m != null) {
            synchronized (m.forecaster()) {
                m.forecaster().close();
            }
        }
    }
}
