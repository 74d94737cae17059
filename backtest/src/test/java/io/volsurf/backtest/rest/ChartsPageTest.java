package io.volsurf.backtest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.report.HtmlReportWriter;
import io.volsurf.backtest.runner.BacktestService;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.TrainingProgressListener;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import io.volsurf.strategy.config.HedgeMode;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart page: its JSON documents against the stores and the ModelServer, bad parameters, and the page itself
 * in a real browser (headless Chromium, Debian's {@code chromium}): served by the running app and as the static
 * report opened from disk, every chart drawn with data and no JavaScript error. Screenshots are kept in
 * {@code target/screenshots/}. Without Chromium the browser checks skip with a message (CI installs it).
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ChartsPageTest {

    private static final String TICKER = "PIC";
    private static final int DAYS = 26;
    private static final int TRAIN_DAYS = 18;
    private static final List<String> CHARTS = List.of("chart-market-surface", "chart-forecast-surface",
            "chart-surface-change", "chart-smiles", "chart-forecast-vs-realized", "chart-equity", "chart-attribution");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<LocalDate> sessions;
    private static long runId;

    @Inject
    IngestService ingest;

    @Inject
    ForecastingService forecasting;

    @Inject
    BacktestService backtests;

    @Inject
    HtmlReportWriter htmlReports;

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void surfaceDocumentAgreesWithTheModelServerAndTheStoredFits() throws Exception {
        prepare();
        LocalDate d = shownDate();
        JsonNode s = get("/api/v1/report/surface/" + TICKER.toLowerCase() + "/" + d);
        assertEquals(TICKER, s.get("ticker").asText());
        assertEquals(d.toString(), s.get("date").asText());
        assertTrue(s.get("forecastNote").isNull(), s.get("forecastNote").toString());
        int rows = s.get("tenorsDays").size();
        int cols = s.get("logMoneyness").size();
        assertTrue(rows > 20 && cols > 20);
        assertEquals(rows, s.get("marketIv").size());
        assertEquals(rows, s.get("forecastIv").size());
        int market = 0;
        int forecast = 0;
        String surfaceUrl = null;
        for (int i = 0; i < rows; i++) {
            assertEquals(cols, s.get("marketIv").get(i).size());
            for (int j = 0; j < cols; j++) {
                JsonNode m = s.get("marketIv").get(i).get(j);
                JsonNode f = s.get("forecastIv").get(i).get(j);
                if (!m.isNull()) {
                    market++;
                    assertTrue(m.asDouble() > 0.02 && m.asDouble() < 2, "market IV " + m);
                }
                if (!f.isNull()) {
                    forecast++;
                    if (surfaceUrl == null && i == rows / 2 && j >= cols / 2) {
                        // The same number as the ModelServer's own surface endpoint at that point.
                        double days = s.get("tenorsDays").get(i).asDouble();
                        double k = s.get("logMoneyness").get(j).asDouble();
                        surfaceUrl = "/api/v1/surface/" + TICKER + "/" + d + "?tenors=" + days + "&k=" + k;
                        JsonNode served = get(surfaceUrl);
                        assertEquals(served.get("cells").get(0).get("impliedVol").asDouble(), f.asDouble(), 1e-6);
                    }
                }
            }
        }
        assertNotNull(surfaceUrl, "no forecast value in the middle row");
        assertTrue(market > rows * cols / 10, "market cells " + market);
        assertTrue(forecast > rows * cols / 10, "forecast cells " + forecast);
        assertEquals(49, s.get("forecastCells").size());
        assertTrue(s.get("marketCells").size() > 20);
        // Market values come from the stored SVI fits: off the quoted strikes there are none.
        assertTrue(market < rows * cols, "the market surface is masked outside the quoted strikes");
    }

    @Test
    void smilesCarryQuotesTheStoredFitTheForecastAndTheNextSession() throws Exception {
        prepare();
        LocalDate d = shownDate();
        JsonNode s = get("/api/v1/report/smiles/" + TICKER + "/" + d);
        assertEquals(sessions.get(sessions.indexOf(d) + 1).toString(), s.get("nextSession").asText());
        JsonNode smiles = s.get("smiles");
        assertTrue(smiles.size() >= 3, smiles.toString());
        assertTrue(smiles.size() <= 12);
        JsonNode fits = get("/api/v1/svi-params/" + TICKER + "/" + d).get("marketSlices");
        int withForecast = 0;
        int withRealized = 0;
        for (JsonNode e : smiles) {
            JsonNode q = e.get("quotes");
            assertTrue(q.get("mid").size() >= 3, "quotes of " + e.get("expiry"));
            for (int i = 0; i < q.get("mid").size(); i++) {
                double k = q.get("logMoneyness").get(i).asDouble();
                assertEquals(k >= 0 ? "C" : "P", q.get("type").get(i).asText(), "out of the money only");
                JsonNode bid = q.get("bid").get(i);
                if (!bid.isNull()) {
                    assertTrue(bid.asDouble() <= q.get("mid").get(i).asDouble() + 1e-9);
                }
            }
            // The SVI curve is the stored fit of that expiry.
            JsonNode fit = null;
            for (JsonNode f : fits) {
                if (f.get("expiry").asText().equals(e.get("expiry").asText())) {
                    fit = f;
                }
            }
            assertNotNull(fit, "stored fit of " + e.get("expiry"));
            double k = e.get("svi").get("logMoneyness").get(10).asDouble();
            double x = k - fit.get("m").asDouble();
            double sig = fit.get("sigma").asDouble();
            double w = fit.get("a").asDouble() + fit.get("b").asDouble()
                    * (fit.get("rho").asDouble() * x + Math.sqrt(x * x + sig * sig));
            assertEquals(Math.sqrt(w / fit.get("maturityYears").asDouble()),
                    e.get("svi").get("impliedVol").get(10).asDouble(), 1e-6);
            withForecast += e.get("forecast").isNull() ? 0 : 1;
            withRealized += e.get("realized").isNull() ? 0 : 1;
        }
        assertTrue(withForecast >= smiles.size() - 1, "forecast curves " + withForecast);
        assertTrue(withRealized >= smiles.size() - 1, "next-session fits " + withRealized);
    }

    @Test
    void forecastErrorsComeFromTheLatestEvaluation() throws Exception {
        prepare();
        JsonNode f = get("/api/v1/report/forecast-errors/" + TICKER);
        assertTrue(f.get("note").isNull());
        assertEquals(30.0, f.get("tenorDays").asDouble(), 0.0);
        JsonNode points = f.get("points");
        long evaluation = f.get("evaluationId").asLong();
        long evaluated = count("select count(distinct as_of_date) from forecast_vs_realized where evaluation_id = "
                + evaluation);
        assertTrue(evaluated >= 5, "evaluated sessions " + evaluated);
        assertEquals(evaluated, points.size(), "one ATM forecast per evaluated session");
        int carried = 0;
        for (JsonNode p : points) {
            assertEquals(0.0, p.get("logMoneyness").asDouble(), 1e-9, "ATM");
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select forecast_iv, realized_iv from forecast_vs_realized where evaluation_id = ? and ticker = ? "
                            + "and as_of_date = ? and tenor_days = 30 and abs(log_moneyness) < 1e-9")) {
                ps.setLong(1, evaluation);
                ps.setString(2, TICKER);
                ps.setObject(3, LocalDate.parse(p.get("asOf").asText()));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(rs.getDouble(1), p.get("forecastIv").asDouble(), 1e-6);
                    assertEquals(rs.getDouble(2), p.get("realizedIv").asDouble(), 1e-6);
                }
            }
            carried += p.get("carryIv").isNull() ? 0 : 1;
        }
        assertEquals(points.size() - 1, carried, "every session after the first carries the previous realised");
        assertEquals(evaluated, f.get("daily").size());
        for (JsonNode d : f.get("daily")) {
            assertTrue(d.get("cells").asInt() > 10 && d.get("rmseVolPoints").asDouble() > 0);
        }
    }

    @Test
    void runDocumentHoldsTheEquityCurveAndAnAttributionThatAddsUp() throws Exception {
        prepare();
        JsonNode runs = get("/api/v1/report/runs").get("runs");
        boolean listed = false;
        for (JsonNode r : runs) {
            listed |= r.get("runId").asLong() == runId;
        }
        assertTrue(listed, runs.toString());
        JsonNode r = get("/api/v1/report/runs/" + runId);
        assertEquals(TICKER, r.get("run").get("ticker").asText());
        JsonNode days = r.get("days");
        assertEquals(r.get("run").get("sessions").asInt(), days.size());
        double cumulative = 0;
        int attributed = 0;
        int moved = 0;
        for (JsonNode d : days) {
            cumulative += d.get("total").asDouble();
            moved += d.get("total").asDouble() != 0 ? 1 : 0;
            assertEquals(cumulative, d.get("cumulative").asDouble(), 1e-6 * Math.max(1, Math.abs(cumulative)));
            if (!d.get("attributedTotal").isNull()) {
                attributed++;
                double parts = d.get("delta").asDouble() + d.get("gamma").asDouble()
                        + d.get("forecastPredicted").asDouble() + d.get("forecastError").asDouble()
                        + d.get("theta").asDouble() + d.get("residual").asDouble();
                assertEquals(d.get("attributedTotal").asDouble(), parts,
                        1e-6 * Math.max(1, Math.abs(parts)), "the stacked bars add up to the total on " + d);
            }
        }
        assertEquals(days.size() - 1, attributed, "every session after the first is attributed");
        assertTrue(moved > 0, "the run traded: some session has PnL");
        assertEquals(r.get("run").get("totalPnl").asDouble(), cumulative, 1e-6 * Math.max(1, Math.abs(cumulative)));
    }

    @Test
    void badParametersAre400NamingTheParameterAndUnknownThingsAre404() throws Exception {
        prepare();
        String d = shownDate().toString();
        bad("/api/v1/report/sessions/a$b", "ticker");
        bad("/api/v1/report/surface/" + TICKER + "/2024-13-01", "date");
        bad("/api/v1/report/smiles/" + TICKER + "/yesterday", "date");
        bad("/api/v1/report/forecast-errors/" + TICKER + "?tenor=-1", "tenor");
        bad("/api/v1/report/forecast-errors/" + TICKER + "?tenor=abc", "tenor");
        bad("/api/v1/report/forecast-errors/" + TICKER + "?model=a%20b", "model");
        bad("/api/v1/report/runs/abc", "id");
        bad("/api/v1/report/runs/0", "id");
        notFound("/api/v1/report/runs/987654", "no backtest run 987654");
        notFound("/api/v1/report/surface/NOSUCH/" + d, "no stored surfaces for ticker NOSUCH");
        notFound("/api/v1/report/smiles/" + TICKER + "/2031-01-02", "no stored session on 2031-01-02");
        notFound("/api/v1/report/sessions/NOSUCH", "NOSUCH");
        // A model without an evaluation on the ticker is not an error: the chart says what to run.
        given().get("/api/v1/report/forecast-errors/" + TICKER + "?model=nosuchmodel").then().statusCode(200)
                .body("note", containsString("./volsurf evaluate"));
    }

    @Test
    void theServedPageDrawsEveryChartInHeadlessChromium() throws Exception {
        prepare();
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("chart-attribution")).body(containsString("vendor/plotly.min.js"));
        byte[] plotly = given().get("/vendor/plotly.min.js").then().statusCode(200).extract().asByteArray();
        assertTrue(plotly.length > 1_000_000, "plotly.min.js is " + plotly.length + " bytes");
        given().get("/volsurf-charts.js").then().statusCode(200);

        String chromium = chromium();
        assumeTrue(chromium != null, "Chromium is not installed (Debian: apt-get install chromium; scripts/test "
                + "installs it): the page's browser check is skipped");
        String url = base.toString() + "?ticker=" + TICKER + "&date=" + shownDate() + "&run=" + runId;
        String dom = chromium(chromium, url, "--dump-dom");
        assertEveryChartDrawn(dom);
        Path png = screenshot(chromium, url, "charts-page.png");
        assertTrue(Files.size(png) > 50_000, png + " is " + Files.size(png) + " bytes");
    }

    @Test
    void aStaticReportOfAnUnknownRunIsBadInputNamingTheFlag() throws Exception {
        prepare();
        Path dir = Files.createTempDirectory("volsurf-reports");
        IllegalArgumentException noRun = assertThrows(IllegalArgumentException.class,
                () -> htmlReports.write(dir, TICKER, shownDate(), List.of(987654L)));
        assertTrue(noRun.getMessage().startsWith("--run 987654: no such run"), noRun.getMessage());
    }

    @Test
    void theStaticReportOpensFromDiskWithTheSameDocuments() throws Exception {
        prepare();
        Path dir = Files.createTempDirectory("volsurf-reports");
        HtmlReportWriter.Written w = htmlReports.write(dir, TICKER, shownDate(), List.of(runId));
        assertTrue(Files.size(w.plotly()) > 1_000_000);
        assertEquals(dir.resolve("vendor/plotly.min.js"), w.plotly());
        String html = Files.readString(w.html(), StandardCharsets.UTF_8);
        assertTrue(html.contains("id=\"volsurf-data\""));
        assertFalse(html.contains("src=\"volsurf-charts.js\""), "the page script is inlined");
        assertFalse(html.contains("http://") && html.contains("src=\"http"), "nothing is loaded from the network");
        // The embedded documents are the served ones.
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"volsurf-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(m.find());
        JsonNode docs = JSON.readTree(m.group(1)).get("documents");
        JsonNode runDoc = docs.get("api/v1/report/runs/" + runId);
        assertEquals(get("/api/v1/report/runs/" + runId).get("days"), runDoc.get("days"));
        assertEquals(get("/api/v1/report/smiles/" + TICKER + "/" + shownDate()), docs.get("api/v1/report/smiles/"
                + TICKER + "/" + shownDate()));

        String chromium = chromium();
        assumeTrue(chromium != null, "Chromium is not installed (Debian: apt-get install chromium): the static "
                + "report's browser check is skipped");
        String url = w.html().toUri().toString();
        assertEveryChartDrawn(chromium(chromium, url, "--dump-dom"));
        Path png = screenshot(chromium, url, "static-report.png");
        assertTrue(Files.size(png) > 50_000);
    }

    // ------------------------------------------------------------------ browser

    private static void assertEveryChartDrawn(String dom) throws Exception {
        Matcher status = Pattern.compile("<pre id=\"charts-status\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(status.find(), "no #charts-status in the DOM: the page script did not run\n" + head(dom));
        JsonNode s = JSON.readTree(status.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&"));
        assertEquals("[]", s.get("errors").toString(), "JavaScript errors on the page");
        assertEquals("done", s.get("state").asText(), "the charts did not finish within the time budget: " + s);
        assertTrue(dom.contains("data-charts-state=\"done\""));
        for (String id : CHARTS) {
            JsonNode c = s.get("charts").get(id);
            assertTrue(c.get("plotted").asBoolean(), id + " has no plot: " + c);
            assertTrue(c.get("note").isNull(), id + " shows a note instead of data: " + c);
            assertTrue(c.get("points").asInt() > 0, id + " has no data points: " + c);
            // And independently of the page's own report: a plotly SVG inside that div.
            int at = dom.indexOf("id=\"" + id + "\"");
            assertTrue(at >= 0, id + " missing");
            int next = dom.indexOf("id=\"chart-", at + 1);
            String inside = dom.substring(at, next < 0 ? dom.length() : next);
            assertTrue(inside.contains("main-svg"), id + " holds no .main-svg");
        }
    }

    private static String head(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }

    /** Chromium on PATH (or -Dvolsurf.test.chromium), else null. */
    private static String chromium() {
        String configured = System.getProperty("volsurf.test.chromium");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private static Path screenshot(String chromium, String url, String name) throws Exception {
        Path dir = Path.of("target", "screenshots").toAbsolutePath();
        Files.createDirectories(dir);
        Path png = dir.resolve(name);
        Files.deleteIfExists(png);
        chromium(chromium, url, "--screenshot=" + png, "--hide-scrollbars");
        assertTrue(Files.isRegularFile(png), "no screenshot written to " + png);
        return png;
    }

    /** Runs headless Chromium on {@code url}; its stdout (the DOM for --dump-dom). */
    private static String chromium(String chromium, String url, String... extra) throws Exception {
        Path profile = Files.createTempDirectory("volsurf-chromium");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1600,2900",
                "--virtual-time-budget=60000", "--run-all-compositor-stages-before-draw"));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        Path out = Files.createTempFile("volsurf-chromium", ".out");
        Path err = Files.createTempFile("volsurf-chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s: " + Files.readString(err));
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ fixtures

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(given().get(path).then().statusCode(200).extract().asString());
    }

    private static void bad(String url, String parameter) {
        given().get(url).then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("status", equalTo(400))
                .body("parameter", equalTo(parameter)).body("type", containsString("bad-parameter"));
    }

    private static void notFound(String url, String detail) {
        given().get(url).then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("detail", containsString(detail));
    }

    /** The session the pictures show: the second-to-last, so its forecast meets a realised next session. */
    private static LocalDate shownDate() {
        return sessions.get(DAYS - 2);
    }

    /**
     * Once: a generated market for {@value #TICKER}, ingested; a tiny model trained on the first sessions and
     * evaluated on the rest; a delta-hedged backtest over the rest.
     */
    private void prepare() throws Exception {
        synchronized (ChartsPageTest.class) {
            if (sessions != null) {
                return;
            }
            Path dir = Files.createTempDirectory("volsurf-charts-test");
            // variance that reverts within two sessions, a ridge base that learns it and no threshold beyond the
            // half-spread: the backtest trades, so its charts have something to show
            new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(DAYS, 23L)
                    .withTickers(List.of(TICKER)).withStart(LocalDate.of(2024, 6, 3)).withVarianceDynamics(100, 1.0),
                    dir.resolve("market"));
            ingest.ingest(List.of(dir.resolve("market")), null, IngestService.Progress.NONE);
            List<LocalDate> dates = forecasting.sessions(TICKER);
            assertEquals(DAYS, dates.size());
            Properties p = new Properties();
            p.setProperty("epochs", "2");
            p.setProperty("d_model", "8");
            p.setProperty("heads", "2");
            p.setProperty("layers", "1");
            p.setProperty("n", "3");
            p.setProperty("batch_size", "8");
            p.setProperty("residual_base", "linear");
            Path model = dir.resolve("model");
            forecasting.train(List.of(TICKER), dates.get(0), dates.get(TRAIN_DAYS - 1), model,
                    ForecasterConfig.fromProperties(p), TrainingProgressListener.none()).forecaster().close();
            forecasting.evaluate(List.of(TICKER), model, dates.get(TRAIN_DAYS), dates.get(DAYS - 1));
            runId = backtests.run(TICKER, BacktestService.defaultsFor(false, HedgeMode.DELTA).toBuilder()
                    .thresholdVolPoints(0).build(), model,
                    dates.get(TRAIN_DAYS), dates.get(DAYS - 1), null, x -> { }).runId();
            sessions = dates;
        }
    }
}
