package io.volsurf.backtest.cli;

import io.quarkus.runtime.Quarkus;
import io.volsurf.backtest.serving.ForecastServer;
import io.volsurf.backtest.serving.ModelUnavailableException;
import io.volsurf.backtest.serving.ServedModel;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./volsurf serve}: the ModelServer REST API until stopped. The only command that listens; the port is
 * applied before boot (see {@code VolsurfMain}), the model is loaded and the cache warmed here.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "The ModelServer REST API: /api/v1/surface, /api/v1/implied-vol, /api/v1/svi-params, "
                + "POST /api/v1/chains (needs volsurf.api-key); charts at / (data under /api/v1/report); OpenAPI at "
                + "/q/openapi, health /q/health, metrics /q/metrics. Blocks until Ctrl-C.",
        footer = {"", "Example:", "  VOLSURF_API_KEY=secret ./volsurf serve --port 8080 --model-dir models/us",
            "  curl 'http://127.0.0.1:8080/api/v1/implied-vol/SPY/2026-08-20?maturity=0.25&strike=650'"})
public final class ServeCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port on 127.0.0.1 (default 8080, "
            + "quarkus.http.port); 0 picks a free one.")
    Integer port;

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "The model to serve (default volsurf.model-dir, else the most recently trained).")
    Path modelDir;

    private final ForecastServer server;
    private final ServedModel servedModel;

    public ServeCommand(ForecastServer server, ServedModel servedModel) {
        this.server = server;
        this.servedModel = servedModel;
    }

    @Override
    public void run() {
        Output out = new Output(common.json);
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class)
                .orElse("127.0.0.1");
        int actualPort = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        String url = "http://" + host + ":" + actualPort;
        String model;
        int warmed = 0;
        try {
            warmed = server.start(Optional.ofNullable(modelDir));
            model = servedModel.id();
        } catch (ModelUnavailableException e) {
            // Serve anyway: health says not ready and the API answers 503 until a model can be loaded.
            out.error("no model: " + e.getMessage());
            model = null;
        }
        out.document(java.util.Map.of("url", url, "modelId", String.valueOf(model), "warmedTickers", warmed));
        out.linef("volsurf ModelServer on %s (model %s, %d tickers warmed); charts %s/; OpenAPI %s/q/openapi; "
                + "Ctrl-C stops", url, model == null ? "none" : model, warmed, url, url);
        out.out().flush();
        Quarkus.waitForExit();
    }
}
