package io.volsurf.backtest.forecasting;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.cli.ForecastCommand;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.serving.ForecastServer;
import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.TrainingProgressListener;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * BTC on Deribit trades every day: a forecast made at the close of a Friday is for Saturday, from the command line as
 * from the REST API, and it is the same surface. Real Deribit sessions are ingested into the embedded database, a tiny
 * model with a five-session window (Monday to Friday: no weekend in the window itself) is trained on them, then
 * {@code forecast --json} and {@code GET /api/v1/surface} are compared.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class CryptoForecastCliRestTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 7, 27);
    private static final LocalDate FRIDAY = LocalDate.of(2026, 8, 14);

    @Inject
    IngestService ingest;

    @Inject
    ForecastingService forecasting;

    @Inject
    ForecastServer server;

    @TempDir
    Path dir;

    @Test
    void cliAndRestForecastTheSameSaturdaySurfaceForBtcAsOfAFriday() throws Exception {
        assertEquals(DayOfWeek.FRIDAY, FRIDAY.getDayOfWeek());
        String shared = System.getProperty("volsurf.shared.data", "../shared/data");
        Path deribit = Path.of(shared).resolve("crypto-deribit");
        Assumptions.assumeTrue(Files.isDirectory(deribit), deribit + " absent: skipping the real-data test");
        List<Path> files = new ArrayList<>();
        for (LocalDate d = FIRST; !d.isAfter(FRIDAY); d = d.plusDays(1)) {
            files.add(deribit.resolve(d + ".csv.gz"));
        }
        ingest.ingest(files, ChainFormat.DERIBIT, IngestService.Progress.NONE);

        Properties p = new Properties();
        p.setProperty("epochs", "1");
        p.setProperty("d_model", "8");
        p.setProperty("heads", "2");
        p.setProperty("layers", "1");
        p.setProperty("n", "5");
        p.setProperty("batch_size", "8");
        Path model = dir.resolve("model");
        forecasting.train(List.of("BTC"), FIRST, FRIDAY.minusDays(1), model, ForecasterConfig.fromProperties(p),
                TrainingProgressListener.none()).forecaster().close();

        JsonNode cli = cliForecast(model);
        server.start(Optional.of(model));
        JsonNode rest = new ObjectMapper().readTree(given().get("/api/v1/surface/BTC/" + FRIDAY).then()
                .statusCode(200).extract().asString());

        LocalDate saturday = FRIDAY.plusDays(1);
        assertEquals(saturday.toString(), cli.get("forecastFor").asText(), "CLI: " + cli.get("forecastFor"));
        assertEquals(saturday.toString(), rest.get("forecastFor").asText(), "REST: " + rest.get("forecastFor"));
        assertEquals(cli.get("modelId").asText(), rest.get("modelId").asText());
        assertEquals("canonical", rest.get("grid").asText());

        JsonNode cliCells = cli.get("cells");
        JsonNode restCells = rest.get("cells");
        assertEquals(cliCells.size(), restCells.size());
        assertTrue(cliCells.size() > 0);
        for (int i = 0; i < cliCells.size(); i++) {
            JsonNode c = cliCells.get(i);
            JsonNode r = restCells.get(i);
            assertEquals(c.get("tenorDays").asDouble(), r.get("tenorDays").asDouble(), 0.0, "cell " + i);
            assertEquals(c.get("logMoneyness").asDouble(), r.get("logMoneyness").asDouble(), 0.0, "cell " + i);
            assertEquals(c.get("impliedVol").asDouble(), r.get("impliedVol").asDouble(), 1e-12, "cell " + i);
        }
    }

    /** {@code forecast --ticker btc --date FRIDAY --model-dir M --json}, parsed from what it prints on stdout. */
    private JsonNode cliForecast(Path model) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            exit = new CommandLine(new ForecastCommand(forecasting)).execute("--ticker", "btc", "--date",
                    FRIDAY.toString(), "--model-dir", model.toString(), "--json");
        } finally {
            System.setOut(stdout);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        String document = printed.lines().filter(l -> l.startsWith("{\"ticker\"")).findFirst().orElse(null);
        assertNotNull(document, "no JSON document in: " + printed);
        return new ObjectMapper().readTree(document);
    }
}
