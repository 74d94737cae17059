package io.volsurf.backtest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.serving.ForecastServer;
import io.volsurf.backtest.serving.ServedForecast;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.TrainingProgressListener;
import io.volsurf.forecaster.synthetic.GenerationReport;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Bad and hostile input over HTTP: dates out of range, limits as problem+json,
 * a gzip bomb, a us-options body of another ticker, and one model computation for concurrent misses.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class RestHardeningTest {

    private static final String A = "HDA";
    private static final String B = "HDB";
    private static final String KEY = "test-api-key";
    private static final int DAYS = 12;
    private static List<LocalDate> sessions;
    private static Map<String, List<Path>> files;

    @Inject
    IngestService ingest;

    @Inject
    ForecastingService forecasting;

    @Inject
    ForecastServer server;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/")
    URL base;

    @Test
    void datesOutOfRangeAre400NamingTheParameterOnEveryEndpoint() throws Exception {
        prepare();
        for (String d : new String[] {"+5874898-01-01", "+999999999-12-31", "-999999999-01-01", "1899-12-31",
            "2201-01-01"}) {
            for (String url : new String[] {"/api/v1/implied-vol/" + A + "/" + d + "?maturity=0.1&strike=500",
                "/api/v1/surface/" + A + "/" + d, "/api/v1/svi-params/" + A + "/" + d,
                "/api/v1/report/smiles/" + A + "/" + d, "/api/v1/report/surface/" + A + "/" + d}) {
                given().get(url).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                        .body("parameter", equalTo("date"))
                        .body("detail", allOf(containsString("1900-01-01"), containsString("2200-12-31")))
                        .body(not(containsString("ERROR"))).body(not(containsString("Exception")));
            }
        }
    }

    @Test
    void limitsAreProblemJson() throws Exception {
        prepare();
        String longQuery = "/api/v1/surface/" + A + "/latest?k=" + "0.1,".repeat(1300) + "0";
        given().get(longQuery).then().statusCode(414).contentType(Problem.MEDIA_TYPE).body("status", equalTo(414));
        given().header("X-Padding", "x".repeat(30_000)).get("/api/v1/svi-params/" + A + "/latest").then()
                .statusCode(431).contentType(Problem.MEDIA_TYPE).body("status", equalTo(431));
        // A declared length over volsurf.server.max-body-size (8 MiB in tests): refused before the body is read.
        String r = raw("POST /api/v1/chains/" + A + " HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 9437184\r\n\r\n", null);
        assertTrue(r.startsWith("HTTP/1.1 413"), r);
        assertTrue(r.contains(Problem.MEDIA_TYPE) && r.contains("\"status\":413"), r);
        // The same without a length (chunked): counted while it streams.
        r = raw("POST /api/v1/chains/" + A + " HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY
                + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n", 9 << 20);
        assertTrue(r.startsWith("HTTP/1.1 413"), r);
        assertTrue(r.contains(Problem.MEDIA_TYPE) && r.contains("max-body-size"), r);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    @Test
    void aGzipBombIs413WithoutInflatingItAndStoresNothing() throws Exception {
        prepare();
        byte[] bomb = gzipOfZeros(1L << 30); // 1 GiB inflated, about 1 MB sent
        assertTrue(bomb.length < 8 << 20, "the bomb itself is under the body limit: " + bomb.length);
        long sessionsBefore = count("select count(*) from sessions");
        // Peak heap during the requests, over what earlier tests in this JVM left: the used heap at the end also
        // holds their uncollected garbage, which made an end-of-test reading fail once the suite grew.
        System.gc();
        long before = heapUsed();
        ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).forEach(MemoryPoolMXBean::resetPeakUsage);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> given().header("X-API-Key", KEY)
                        .contentType("application/octet-stream").body(bomb).post("/api/v1/chains/" + A)));
            }
            for (Future<Response> a : answers) {
                Response res = a.get(120, TimeUnit.SECONDS);
                assertEquals(413, res.statusCode(), res.asString());
                assertEquals(Problem.MEDIA_TYPE, res.contentType());
                assertTrue(res.asString().contains("inflates to more than 16 MiB"), res.asString());
            }
        } finally {
            pool.shutdownNow();
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertTrue(peak - before < 1L << 30, "the heap never held the inflated gigabyte: peak " + (peak >> 20)
                + " MiB, " + (before >> 20) + " MiB before");
        assertEquals(sessionsBefore, count("select count(*) from sessions"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aUsOptionsBodyOfAnotherTickerIs400NamingBothAndStoresNothing() throws Exception {
        prepare();
        LocalDate session = sessions.get(DAYS - 1); // not stored yet for either ticker
        byte[] body = usOptionsJson(files.get(A).get(DAYS - 1), null);
        String before = snapshot(B);
        // The reported case: A's chain under B's path. The body names no underlying; its spot is A's, not B's.
        given().header("X-API-Key", KEY).body(body).post("/api/v1/chains/" + B + "?date=" + session).then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("parameter", equalTo("ticker"))
                .body("detail", allOf(containsString(A), containsString(B)));
        // The same chain naming its underlying in the header, and a generic CSV (its underlying column).
        given().header("X-API-Key", KEY).body(usOptionsJson(files.get(A).get(DAYS - 1), A))
                .post("/api/v1/chains/" + B + "?date=" + session).then().statusCode(400)
                .body("parameter", equalTo("ticker")).body("detail", allOf(containsString(A), containsString(B)));
        given().header("X-API-Key", KEY).body(Files.readAllBytes(files.get(A).get(DAYS - 1)))
                .post("/api/v1/chains/" + B).then().statusCode(400).body("parameter", equalTo("ticker"))
                .body("detail", allOf(containsString(A), containsString(B)));
        assertEquals(before, snapshot(B), "nothing of " + B + " changed");
        assertEquals(0, count("select count(*) from sessions where ticker = '" + B + "' and session_date = '"
                + session + "'"));
        // Its own ticker takes it; B's own chain too.
        given().header("X-API-Key", KEY).body(body).post("/api/v1/chains/" + A + "?date=" + session).then()
                .statusCode(200).body("ticker", equalTo(A)).body("format", equalTo("us-options"));
        given().header("X-API-Key", KEY).body(usOptionsJson(files.get(B).get(DAYS - 1), null))
                .post("/api/v1/chains/" + B + "?date=" + session).then().statusCode(200);
        // A ticker with nothing stored: a copy of another ticker's stored session is still refused.
        given().header("X-API-Key", KEY).body(body).post("/api/v1/chains/HDNEW?date=" + session).then()
                .statusCode(400).body("parameter", equalTo("ticker"))
                .body("detail", allOf(containsString(A), containsString("HDNEW")));
        assertEquals(0, count("select count(*) from sessions where ticker = 'HDNEW'"));
    }

    @Test
    void concurrentMissesOnOneKeyRunTheModelOnce() throws Exception {
        prepare();
        LocalDate asOf = sessions.get(DAYS - 4); // not the latest: the warm start did not forecast it
        long before = registry.find("volsurf.forecast.cold").timer().count();
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<ServedForecast>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> server.forecast(A, asOf)));
            }
            ServedForecast first = answers.get(0).get(60, TimeUnit.SECONDS);
            for (Future<ServedForecast> a : answers) {
                assertSame(first, a.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, registry.find("volsurf.forecast.cold").timer().count(),
                "one model computation for " + callers + " concurrent misses");
        // Served twice over HTTP from the cached document: byte-identical, and Caffeine's metrics are exposed.
        String one = given().get("/api/v1/surface/" + A + "/" + asOf).then().statusCode(200).extract().asString();
        String two = given().get("/api/v1/surface/" + A + "/" + asOf).then().statusCode(200).extract().asString();
        assertEquals(one, two);
        assertTrue(one.contains("\"date\":\"" + asOf + "\""), one);
        given().get("/q/metrics").then().statusCode(200).body(containsString("cache_gets_total{cache=\"forecast\""))
                .body(containsString("volsurf_cache_hits_total{cache=\"forecast\""));
    }

    // ------------------------------------------------------------------ fixtures

    /** Two tickers (B's spot 1.5 times A's), all but the last session stored, a tiny model served (once). */
    private void prepare() throws Exception {
        synchronized (RestHardeningTest.class) {
            if (sessions != null) {
                return;
            }
            Path dir = Files.createTempDirectory("volsurf-hardening-test");
            GenerationReport market = new SyntheticMarketGenerator().generate(
                    SyntheticMarketConfig.defaults(DAYS, 23L).withTickers(List.of(A, B))
                            .withStart(LocalDate.of(2024, 4, 1)), dir.resolve("market"));
            Map<String, List<Path>> byTicker = new TreeMap<>();
            for (Path f : market.chainFiles()) {
                byTicker.computeIfAbsent(f.getParent().getFileName().toString(), t -> new ArrayList<>()).add(f);
            }
            List<Path> stored = new ArrayList<>();
            for (List<Path> l : byTicker.values()) {
                l.sort(null);
                stored.addAll(l.subList(0, DAYS - 1));
            }
            ingest.ingest(stored, null, IngestService.Progress.NONE);
            List<LocalDate> dates = new ArrayList<>();
            for (Path f : byTicker.get(A)) {
                dates.add(LocalDate.parse(f.getFileName().toString().replace(".csv", "")));
            }
            Properties p = new Properties();
            p.setProperty("epochs", "1");
            p.setProperty("d_model", "8");
            p.setProperty("heads", "2");
            p.setProperty("layers", "1");
            p.setProperty("n", "3");
            p.setProperty("batch_size", "8");
            Path m = dir.resolve("model");
            forecasting.train(List.of(A, B), dates.get(0), dates.get(DAYS - 2), m, ForecasterConfig.fromProperties(p),
                    TrainingProgressListener.none()).forecaster().close();
            server.start(Optional.of(m));
            files = byTicker;
            sessions = dates;
        }
    }

    /** A generic CSV session as the us-options layout writes it: last prices (the mid here), IV in percent. */
    private static byte[] usOptionsJson(Path genericCsv, String headerSymbol) throws IOException {
        List<String> lines = Files.readAllLines(genericCsv);
        List<String> head = List.of(lines.get(0).split(","));
        Map<String, String[]> rows = new TreeMap<>();
        double spot = Double.NaN;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            try {
                double bid = Double.parseDouble(c[head.indexOf("bid")]);
                double ask = Double.parseDouble(c[head.indexOf("ask")]);
                double strike = Double.parseDouble(c[head.indexOf("strike")]);
                spot = Double.parseDouble(c[head.indexOf("underlying_price")]);
                if (!(bid >= 0 && ask >= bid)) {
                    continue;
                }
                String key = c[head.indexOf("expiration")] + "_" + String.format(Locale.ROOT, "%.2f", strike);
                String[] r = rows.computeIfAbsent(key, k -> new String[2]);
                String iv = c[head.indexOf("implied_volatility")];
                double ivPct = iv.isBlank() ? 0 : 100 * Double.parseDouble(iv);
                r[c[head.indexOf("option_type")].startsWith("C") ? 0 : 1] = String.format(Locale.ROOT,
                        "%.4f,%.4f", (bid + ask) / 2, ivPct);
            } catch (RuntimeException e) {
                // the generator's injected bad rows
            }
        }
        StringBuilder json = new StringBuilder("{\"header\":{");
        if (headerSymbol != null) {
            json.append("\"symbol\":\"").append(headerSymbol).append("\",");
        }
        json.append("\"callVolume\":1000.0,\"underlyingPrice\":").append(spot).append("},\"contracts\":[");
        boolean first = true;
        for (Map.Entry<String, String[]> e : rows.entrySet()) {
            json.append(first ? "" : ",");
            first = false;
            json.append("{");
            side(json, e.getKey(), "call", "Call", e.getValue()[0]);
            json.append(",");
            side(json, e.getKey(), "put", "Put", e.getValue()[1]);
            json.append("}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void side(StringBuilder json, String key, String prefix, String suffix, String priceIv) {
        String[] p = priceIv == null ? new String[] {"0", "0"} : priceIv.split(",");
        json.append('"').append(prefix).append("Option\":\"").append(key).append('_').append(suffix).append("\",\"")
                .append(prefix).append("Price\":").append(p[0]).append(",\"").append(prefix).append("Iv\":")
                .append(p[1]).append(",\"").append(prefix).append("Volume\":10,\"").append(prefix).append("Oi\":100");
    }

    private static byte[] gzipOfZeros(long inflated) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            for (long n = 0; n < inflated; n += zeros.length) {
                gz.write(zeros);
            }
        }
        return out.toByteArray();
    }

    /** Sends {@code head} (and {@code chunkedBytes} of body in 64 KiB chunks, if given); the answer as text. */
    private String raw(String head, Integer chunkedBytes) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (chunkedBytes != null) {
                byte[] chunk = new byte[1 << 16];
                try {
                    for (int sent = 0; sent < chunkedBytes; sent += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before the whole body was sent: read its answer
                }
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    answer.write(buf, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("}")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // connection reset after the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private String snapshot(String ticker) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), max(session_date), sum(spot) from sessions where ticker = '"
                        + ticker + "'")) {
            rs.next();
            return rs.getLong(1) + "/" + rs.getObject(2) + "/" + rs.getDouble(3);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static {
        assertFalse(A.equals(B));
    }
}
