package io.volsurf.backtest.rest;

import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.rest.ModelServerResponses.ChainRefreshResponse;
import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.ChainInput;
import io.volsurf.forecaster.ingest.IngestListener;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.ingest.SessionChain;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code POST /api/v1/chains/{ticker}}: a new session's chain (any supported layout, plain or gzipped) refreshes
 * the stored surface, its SVI fits and the cached forecast ("refresh intraday if needed"). The body is read in
 * full and checked before anything is written, so a malformed body stores nothing.
 */
@ApplicationScoped
public class ChainRefreshService {

    private static final IngestService.Progress SILENT = IngestService.Progress.NONE;

    private final IngestService ingest;
    private final ModelServerService server;
    private final Optional<String> apiKey;

    public ChainRefreshService(IngestService ingest, ModelServerService server, VolsurfServerConfig config) {
        this.ingest = ingest;
        this.server = server;
        this.apiKey = config.apiKey().filter(k -> !k.isBlank());
    }

    /** Refuses the write unless {@code presented} equals the configured key (compared in constant time). */
    public void authorise(String presented) {
        if (apiKey.isEmpty()) {
            throw new UnauthorizedException("writes are disabled: no API key is configured on the server "
                    + "(set volsurf.api-key)");
        }
        if (presented == null || !MessageDigest.isEqual(apiKey.get().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedException("missing or wrong X-API-Key header");
        }
    }

    /**
     * Checks and stores the chain, then refreshes the caches and the latest forecast.
     *
     * @param ticker         the ticker the body must hold (upper case)
     * @param format         the layout, null to detect it
     * @param collectionDate the collection date of a {@code us-options} JSON body (its folder date), else null
     */
    public ChainRefreshResponse refresh(String ticker, ChainFormat format, LocalDate collectionDate, byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadParameterException("body", "the request body is empty: send a chain file");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("volsurf-chain-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            Path file = write(dir, ticker, format, collectionDate, body);
            List<SessionChain> seen = new ArrayList<>();
            IngestListener collect = seen::add;
            IngestSummary check = new ChainIngestor().ingest(List.of(file), format, collect);
            if (!check.filesFailed().isEmpty()) {
                throw new BadParameterException("body", "the chain cannot be read: "
                        + check.filesFailed().get(0).error().replace(file.toString(), "body"));
            }
            if (seen.isEmpty() || check.accepted() == 0) {
                throw new BadParameterException("body", "the chain holds no usable quote (" + check.rejected()
                        + " rows rejected: " + check.rejectReasons() + ")");
            }
            TreeSet<LocalDate> sessions = new TreeSet<>();
            for (SessionChain c : seen) {
                if (!c.underlying().equalsIgnoreCase(ticker)) {
                    throw new BadParameterException("ticker", "the body holds chains of " + c.underlying()
                            + ", not of " + ticker);
                }
                sessions.add(c.session());
            }
            IngestService.IngestOutcome stored = ingest.ingest(List.of(file), format, SILENT);
            server.invalidate(ticker);
            LocalDate latest = sessions.last();
            LocalDate forecastFor = null;
            String modelId = null;
            String note;
            try {
                ModelServerService.ServedForecast f = server.forecast(ticker, latest);
                forecastFor = f.forecastFor();
                modelId = f.modelId();
                note = "forecast refreshed";
            } catch (RuntimeException e) {
                // The data is stored either way; the forecast may need more history or a model.
                note = "stored; no forecast: " + e.getMessage();
            }
            IngestSummary s = stored.summary();
            String layout = format != null ? format.cliName() : seen.get(0).format().cliName();
            return new ChainRefreshResponse(ticker, layout, List.copyOf(sessions), s.accepted(), s.rejected(),
                    s.rejectReasons(), stored.surfaces(), latest, forecastFor, modelId, note);
        } finally {
            delete(dir);
        }
    }

    /** Writes the body where the readers expect it: us-options JSON needs {@code <date>/<TICKER>.json}. */
    private static Path write(Path dir, String ticker, ChainFormat format, LocalDate collectionDate, byte[] body) {
        try {
            Path probe = dir.resolve("probe");
            Files.write(probe, body);
            ChainFormat layout = format;
            if (layout == null) {
                try (InputStream in = ChainInput.open(probe)) {
                    layout = ChainInput.detect(probe, in);
                } catch (RuntimeException e) {
                    throw new BadParameterException("body", "the chain layout cannot be recognised: "
                            + String.valueOf(e.getMessage()).replace(probe.toString(), "body"));
                }
            }
            Path target;
            if (layout == ChainFormat.US_OPTIONS) {
                if (collectionDate == null) {
                    throw new BadParameterException("date", "a us-options JSON body needs date=<collection date> "
                            + "(the folder date of the source layout)");
                }
                Path folder = Files.createDirectories(dir.resolve(collectionDate.toString()));
                target = folder.resolve(ticker.toLowerCase(Locale.ROOT) + ".json");
            } else {
                target = dir.resolve(ticker.toLowerCase(Locale.ROOT) + "-chain.csv");
            }
            Files.move(probe, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chain to a temporary file: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
