package io.volsurf.backtest.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The ModelServer's settings ({@code application.properties}, {@code VOLSURF_*} environment, or -D):
 * {@code volsurf.server.*} here, plus {@code volsurf.model-dir} and {@code volsurf.api-key} (read by
 * {@link #modelDir()} and {@link #apiKey()}). The two top-level keys are not mapped under a {@code volsurf} root
 * because SmallRye then rejects every other {@code volsurf.*} key (volsurf.home, volsurf.db.*) as unknown.
 */
@ConfigMapping(prefix = "volsurf.server")
public interface VolsurfServerConfig {

    /** {@code volsurf.server.forecast-cache-size}: forecasts kept, by (model, ticker, as-of date). */
    @WithDefault("512")
    int forecastCacheSize();

    /** {@code volsurf.server.latest-cache-size}: tickers whose latest stored session (and SVI fits) is kept. */
    @WithDefault("256")
    int latestCacheSize();

    /** {@code volsurf.server.warm-start}: forecast every stored ticker's latest session at start-up. */
    @WithDefault("true")
    boolean warmStart();

    /** {@code volsurf.model-dir}: the model to serve; default the most recently registered in the models table. */
    default Optional<Path> modelDir() {
        return ConfigProvider.getConfig().getOptionalValue("volsurf.model-dir", String.class)
                .filter(s -> !s.isBlank()).map(Path::of);
    }

    /** {@code volsurf.api-key}: the key {@code POST /api/v1/chains} needs in {@code X-API-Key}; unset = refused. */
    default Optional<String> apiKey() {
        return ConfigProvider.getConfig().getOptionalValue("volsurf.api-key", String.class).filter(s -> !s.isBlank());
    }
}
