package io.volsurf.backtest.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** The ModelServer's settings ({@code application.properties}, {@code VOLSURF_*} environment, or -D). */
@ConfigMapping(prefix = "volsurf")
public interface VolsurfServerConfig {

    /** {@code volsurf.model-dir}: the model to serve; default the most recently registered in the models table. */
    Optional<Path> modelDir();

    /** {@code volsurf.api-key}: the key {@code POST /api/v1/chains} needs in {@code X-API-Key}; unset = writes refused. */
    Optional<String> apiKey();

    /** {@code volsurf.server.*}. */
    Server server();

    /** Cache bounds and start-up behaviour. */
    interface Server {
        /** {@code volsurf.server.forecast-cache-size}: forecasts kept, by (model, ticker, as-of date). */
        @WithDefault("512")
        int forecastCacheSize();

        /** {@code volsurf.server.latest-cache-size}: tickers whose latest stored session is kept. */
        @WithDefault("256")
        int latestCacheSize();

        /** {@code volsurf.server.warm-start}: forecast every stored ticker's latest session at start-up. */
        @WithDefault("true")
        boolean warmStart();
    }
}
