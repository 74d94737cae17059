package io.volsurf.backtest.app;

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

    /** {@code volsurf.server.max-body-size}: bytes a request body may hold as sent (a larger one is a 413). */
    @WithDefault("33554432")
    long maxBodySize();

    /**
     * {@code volsurf.server.max-chain-size}: bytes a posted chain may inflate to (a gzip body is inflated to disk up
     * to this, never into memory; beyond it, a 413). A SPY us-options day is about 1.7 MB plain.
     */
    @WithDefault("134217728")
    long maxChainSize();

    /** {@code volsurf.server.max-uri-length}: characters of the request line's target (beyond: 414). */
    @WithDefault("4096")
    int maxUriLength();

    /** {@code volsurf.server.max-header-size}: bytes of all request headers, names and values (beyond: 431). */
    @WithDefault("20480")
    int maxHeaderSize();

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
