package io.volsurf.backtest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.serving.ForecastServer;
import io.volsurf.backtest.serving.ServedModel;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.TrainingProgressListener;
import io.volsurf.forecaster.synthetic.GenerationReport;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import io.volsurf.strategy.client.ModelServerClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ModelServer over HTTP on a tiny model trained here on a generated market: every endpoint, surface and
 * implied-vol agreeing at the same points, SVI parameters reproducing the surface, every error path, the write
 * endpoint, health, OpenAPI, metrics, and the Java client against the running server.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelServerResourceTest {

    private static final String TICKER = "RST";
    /** Numbers as doubles (rest-assured's default float would lose the digits the agreement checks need). */
    private static final JsonPathConfig DOUBLES = JsonPathConfig.jsonPathConfig()
            .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE);
    private static final int DAYS = 17;
    /** Shared across the test methods (one Quarkus app, one trained model). */
    private static Path modelDir;
    private static List<LocalDate> sessions;
    private static Path lastChain;

    @Inject
    IngestService ingest;

    @Inject
    ForecastingService forecasting;

    @Inject
    ForecastServer server;

    @Inject
    ServedModel servedModel;

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    @Order(1)
    void withoutAnyModelTheApiIs503AndNotReady() throws Exception {
        if (count("select count(*) from models") > 0 || servedModel.loaded()) {
            return; // another test class trained a model first: the 503 path cannot be seen in this JVM
        }
        given().get("/api/v1/implied-vol/" + TICKER + "/2024-03-20?maturity=0.1&strike=500").then().statusCode(503)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(503))
                .body("detail", containsString("no model"));
        given().get("/q/health/ready").then().statusCode(503);
        // Bad input is still a 400, checked before the model.
        given().get("/api/v1/implied-vol/" + TICKER + "/2024-03-20?maturity=-1&strike=500").then().statusCode(400)
                .body("parameter", equalTo("maturity"));
    }

    @Test
    @Order(2)
    void canonicalSurfaceSviParamsAndLatestAgree() throws Exception {
        prepare();
        LocalDate asOf = sessions.get(DAYS - 2);
        JsonPath s = given().get("/api/v1/surface/" + TICKER + "/" + asOf).then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertEquals(TICKER, s.getString("ticker"));
        assertEquals(asOf.toString(), s.getString("date"));
        assertTrue(LocalDate.parse(s.getString("forecastFor")).isAfter(asOf));
        assertEquals(servedModel.id(), s.getString("modelId"));
        // the model's forecast is its projected cells, read between cells by the grid rule
        assertEquals("grid", s.getString("source"));
        assertEquals("canonical", s.getString("grid"));
        assertTrue(s.getString("extrapolation").contains("flat"));
        List<Map<String, Object>> cells = s.getList("cells");
        assertEquals(49, cells.size());
        for (Map<String, Object> c : cells) {
            double iv = num(c.get("impliedVol"));
            assertTrue(iv > 0.03 && iv < 1.5, "implied vol " + iv + " at " + c);
            assertEquals(iv * iv * num(c.get("maturityYears")), num(c.get("totalVariance")), 1e-12);
            assertFalse((Boolean) c.get("extrapolated"), "canonical cells are inside the model's grid: " + c);
        }
        assertNotNull(s.get("arbitrage.projection"));
        assertTrue(s.getList("svi").isEmpty(), "no per-tenor smiles: the cells are the forecast");

        // svi-params: the stored market fits; the forecast has no smiles of its own to list
        JsonPath p = given().get("/api/v1/svi-params/" + TICKER + "/" + asOf).then().statusCode(200).extract()
                .jsonPath().using(DOUBLES);
        assertTrue(p.getList("tenors").isEmpty());
        assertFalse(p.getList("marketSlices").isEmpty());
        // the REST surface reads the forecast by the rule the forecast itself reads its cells with
        SurfaceForecast f = server.forecast(TICKER, asOf).forecast();
        for (Map<String, Object> c : cells) {
            double t = num(c.get("maturityYears"));
            double iv = f.impliedVol(t, num(c.get("logMoneyness")));
            assertEquals(iv * iv * t, num(c.get("totalVariance")), 1e-12, "cell " + c);
        }

        // 'latest' is the latest stored session.
        given().get("/api/v1/svi-params/" + TICKER.toLowerCase() + "/latest").then().statusCode(200)
                .body("date", equalTo(sessions.get(DAYS - 2).toString()));
    }

    @Test
    @Order(3)
    void impliedVolAgreesWithTheSurfaceEverywhere() throws Exception {
        prepare();
        LocalDate asOf = sessions.get(DAYS - 2);
        JsonPath canonical = given().get("/api/v1/surface/" + TICKER + "/" + asOf).then().statusCode(200).extract()
                .jsonPath().using(DOUBLES);
        List<Map<String, Object>> cells = canonical.getList("cells");
        for (int i = 0; i < cells.size(); i += 5) {
            Map<String, Object> c = cells.get(i);
            double iv = given().get("/api/v1/implied-vol/" + TICKER + "/" + asOf + "?maturity="
                    + num(c.get("maturityYears")) + "&strike=" + num(c.get("strike"))).then().statusCode(200)
                    .extract().jsonPath().using(DOUBLES).getDouble("impliedVol");
            assertEquals(num(c.get("impliedVol")), iv, 1e-9, "cell " + c);
        }
        // Off the model's grid, between and beyond tenors, with strikes: the same number from both endpoints.
        double forward = num(cells.get(24).get("forward"));
        double[] strikes = {0.7 * forward, 0.95 * forward, forward, 1.1 * forward, 1.6 * forward};
        StringBuilder list = new StringBuilder();
        for (double k : strikes) {
            list.append(list.length() == 0 ? "" : ",").append(k);
        }
        JsonPath grid = given().get("/api/v1/surface/" + TICKER + "/" + asOf + "?tenors=3,45,400&strikes=" + list)
                .then().statusCode(200).body("grid", equalTo("tenors-strikes")).extract().jsonPath().using(DOUBLES);
        List<Map<String, Object>> g = grid.getList("cells");
        assertEquals(15, g.size());
        for (Map<String, Object> c : g) {
            JsonPath one = given().get("/api/v1/implied-vol/" + TICKER + "/" + asOf + "?maturity="
                    + num(c.get("maturityYears")) + "&strike=" + num(c.get("strike"))).then().statusCode(200)
                    .extract().jsonPath().using(DOUBLES);
            assertEquals(num(c.get("impliedVol")), one.getDouble("impliedVol"), 1e-12, "cell " + c);
            assertEquals(c.get("extrapolated"), one.getBoolean("extrapolated"));
        }
        // 3 and 400 days lie outside the model's 7..273 days: flagged, and vol held flat at fixed k.
        assertTrue((Boolean) g.get(0).get("extrapolated"));
        assertTrue((Boolean) g.get(14).get("extrapolated"));
        double k = num(g.get(12).get("logMoneyness"));
        JsonPath lastTenor = given().get("/api/v1/surface/" + TICKER + "/" + asOf + "?tenors=273,400&k=" + k).then()
                .statusCode(200).extract().jsonPath().using(DOUBLES);
        assertEquals(lastTenor.getDouble("cells[0].impliedVol"), lastTenor.getDouble("cells[1].impliedVol"), 1e-12);
    }

    @Test
    @Order(4)
    void badInputIs400NamingTheParameter() throws Exception {
        prepare();
        String d = sessions.get(DAYS - 2).toString();
        String iv = "/api/v1/implied-vol/" + TICKER + "/";
        bad(iv + "2026-13-45?maturity=0.1&strike=500", "date");
        bad(iv + "yesterday?maturity=0.1&strike=500", "date");
        bad(iv + d + "?maturity=-0.5&strike=500", "maturity");
        bad(iv + d + "?maturity=NaN&strike=500", "maturity");
        bad(iv + d + "?maturity=abc&strike=500", "maturity");
        bad(iv + d + "?strike=500", "maturity");
        bad(iv + d + "?maturity=0.1&strike=abc", "strike");
        bad(iv + d + "?maturity=0.1&strike=0", "strike");
        bad(iv + d + "?maturity=0.1", "strike");
        String sf = "/api/v1/surface/" + TICKER + "/" + d;
        bad(sf + "?tenors=7,x", "tenors");
        bad(sf + "?tenors=-7", "tenors");
        bad(sf + "?k=0.1,,0.2", "k");
        bad(sf + "?k=0.1&strikes=500", "strikes");
        bad(sf + "?strikes=-3", "strikes");
        bad(sf + "?grid=weekly", "grid");
        bad("/api/v1/svi-params/a$b/" + d, "ticker");
        bad("/api/v1/svi-params/" + TICKER + "/2024-02-30", "date");
    }

    @Test
    @Order(5)
    void unknownTickerOrTooLittleHistoryIs404() throws Exception {
        prepare();
        notFound("/api/v1/surface/NOSUCH/" + sessions.get(5), "no stored surfaces for ticker NOSUCH");
        notFound("/api/v1/svi-params/NOSUCH/latest", "NOSUCH");
        // The first session has no history before it (the model needs N=3).
        notFound("/api/v1/implied-vol/" + TICKER + "/" + sessions.get(0) + "?maturity=0.1&strike=500", "N=3");
        // A date without a stored session.
        notFound("/api/v1/surface/" + TICKER + "/" + sessions.get(DAYS - 2).plusYears(3), "no stored session");
    }

    @Test
    @Order(6)
    void chainPostNeedsTheKeyRejectsMalformedBodiesAndRefreshesTheForecast() throws Exception {
        prepare();
        String path = "/api/v1/chains/" + TICKER;
        byte[] chain = Files.readAllBytes(lastChain);
        given().body(chain).post(path).then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("parameter", equalTo("X-API-Key"));
        given().header("X-API-Key", "wrong").body(chain).post(path).then().statusCode(401);

        long quotesBefore = count("select count(*) from quotes where ticker = '" + TICKER + "'");
        long sessionsBefore = count("select count(*) from sessions where ticker = '" + TICKER + "'");
        given().header("X-API-Key", "test-api-key").body("not,a,chain\n1,2,3\n").post(path).then().statusCode(400)
                .body("parameter", equalTo("body"));
        given().header("X-API-Key", "test-api-key").body(new byte[0]).post(path).then().statusCode(400)
                .body("parameter", equalTo("body"));
        // A chain of another ticker under this one's path.
        given().header("X-API-Key", "test-api-key").body(chain).post("/api/v1/chains/OTHER").then().statusCode(400)
                .body("parameter", equalTo("ticker"));
        given().header("X-API-Key", "test-api-key").body(chain).post(path + "?format=parquet").then().statusCode(400)
                .body("parameter", equalTo("format"));
        // A truncated file: the half that parses must not be stored either.
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(chain);
        }
        byte[] half = java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        given().header("X-API-Key", "test-api-key").body(half).post(path).then().statusCode(400);
        assertEquals(quotesBefore, count("select count(*) from quotes where ticker = '" + TICKER + "'"));
        assertEquals(sessionsBefore, count("select count(*) from sessions where ticker = '" + TICKER + "'"));

        LocalDate newSession = sessions.get(DAYS - 1);
        JsonPath r = given().header("X-API-Key", "test-api-key").body(chain).post(path).then().statusCode(200)
                .extract().jsonPath().using(DOUBLES);
        assertEquals(newSession.toString(), r.getString("latestSession"));
        assertEquals(servedModel.id(), r.getString("modelId"));
        assertNotNull(r.getString("forecastFor"), r.prettify());
        assertTrue(r.getLong("accepted") > 0);
        assertEquals(sessionsBefore + 1, count("select count(*) from sessions where ticker = '" + TICKER + "'"));
        given().get("/api/v1/surface/" + TICKER + "/latest").then().statusCode(200)
                .body("date", equalTo(newSession.toString()));
    }

    @Test
    @Order(7)
    void healthOpenApiAndMetrics() throws Exception {
        prepare();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'model-server' }.data.modelLoaded", equalTo(true));
        given().get("/q/health/live").then().statusCode(200);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/implied-vol/{ticker}/{date}"))
                .body(containsString("/api/v1/surface/{ticker}/{date}"))
                .body(containsString("/api/v1/svi-params/{ticker}/{date}"))
                .body(containsString("2026-08-20"));
        given().get("/api/v1/svi-params/" + TICKER + "/latest").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("volsurf_cache_hits_total{cache=\"forecast\""))
                .body(containsString("volsurf_forecast_cold_seconds"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    @Order(8)
    void theJavaClientPricesWithTheServersForecast() throws Exception {
        prepare();
        LocalDate asOf = sessions.get(DAYS - 2);
        URI uri = base.toURI();
        ModelServerClient client = new ModelServerClient(uri, TICKER.toLowerCase(), asOf, Duration.ofSeconds(10));
        double strike = 480;
        double viaHttp = given().get("/api/v1/implied-vol/" + TICKER + "/" + asOf + "?maturity=0.3&strike=" + strike)
                .then().statusCode(200).extract().jsonPath().using(DOUBLES).getDouble("impliedVol");
        assertEquals(viaHttp, client.volatility(0.3, strike), 0.0);
        assertEquals(servedModel.id(), client.impliedVol(0.3, strike).modelId());
        ModelServerClient unknown = new ModelServerClient(uri, "NOSUCH", asOf, Duration.ofSeconds(10));
        ModelServerClient.ModelServerException e = assertThrows(ModelServerClient.ModelServerException.class,
                () -> unknown.volatility(0.3, strike));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("NOSUCH"), e.getMessage());
    }

    // ------------------------------------------------------------------ fixtures

    /** Generates and ingests all but the last session, trains a tiny model on them and serves it (once). */
    private void prepare() throws Exception {
        synchronized (ModelServerResourceTest.class) {
            if (modelDir != null) {
                return;
            }
            Path dir = Files.createTempDirectory("volsurf-rest-test");
            GenerationReport market = new SyntheticMarketGenerator().generate(
                    SyntheticMarketConfig.defaults(DAYS, 11L).withTickers(List.of(TICKER))
                            .withStart(LocalDate.of(2024, 3, 1)), dir.resolve("market"));
            List<Path> files = new ArrayList<>(market.chainFiles());
            files.sort(null);
            assertEquals(DAYS, files.size());
            ingest.ingest(files.subList(0, DAYS - 1), null, IngestService.Progress.NONE);
            List<LocalDate> dates = new ArrayList<>();
            for (Path f : files) {
                dates.add(LocalDate.parse(f.getFileName().toString().replace(".csv", "").replace(".gz", "")));
            }
            Properties p = new Properties();
            p.setProperty("epochs", "2");
            p.setProperty("d_model", "8");
            p.setProperty("heads", "2");
            p.setProperty("layers", "1");
            p.setProperty("n", "3");
            p.setProperty("batch_size", "8");
            Path m = dir.resolve("model");
            forecasting.train(List.of(TICKER), dates.get(0), dates.get(DAYS - 2), m, ForecasterConfig.fromProperties(p),
                    TrainingProgressListener.none()).forecaster().close();
            server.start(Optional.of(m));
            sessions = dates;
            lastChain = files.get(DAYS - 1);
            modelDir = m;
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void bad(String url, String parameter) {
        given().get(url).then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("status", equalTo(400))
                .body("parameter", equalTo(parameter)).body("type", containsString("bad-parameter"))
                .body("title", equalTo("Bad request parameter"));
    }

    private static void notFound(String url, String detail) {
        given().get(url).then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("status", equalTo(404))
                .body("detail", containsString(detail));
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
