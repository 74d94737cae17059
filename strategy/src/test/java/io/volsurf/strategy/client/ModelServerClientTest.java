package io.volsurf.strategy.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The client without a real ModelServer: down server, slow server, problem bodies, bad arguments. */
class ModelServerClientTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 8, 20);

    @Test
    void serverDownIsAClearErrorNotAHang() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ModelServerClient c = new ModelServerClient(URI.create("http://127.0.0.1:" + port), "SPY", AS_OF,
                Duration.ofMillis(500));
        ModelServerClient.ModelServerException e = assertThrows(ModelServerClient.ModelServerException.class,
                () -> c.volatility(0.25, 100));
        assertTrue(e.getMessage().contains("not reachable") || e.getMessage().contains("did not accept"),
                e.getMessage());
        assertEquals(0, e.status());
    }

    @Test
    void slowServerTimesOutAndProblemBodyIsReported() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/implied-vol/SLOW", x -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            reply(x, 200, "{}");
        });
        server.createContext("/api/v1/implied-vol/NOPE", x -> reply(x, 404,
                "{\"status\":404,\"detail\":\"no stored surfaces for ticker NOPE\"}"));
        server.createContext("/api/v1/implied-vol/SPY", x -> {
            assertTrue(x.getRequestURI().getQuery().contains("maturity=0.25&strike=450.0"), x.getRequestURI().toString());
            reply(x, 200, "{\"impliedVol\":0.1834,\"forecastFor\":\"2026-08-21\",\"modelId\":\"abc\","
                    + "\"forward\":451.2,\"extrapolated\":false}");
        });
        // The slow handler must not hold up the others: one thread per exchange.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            Duration timeout = Duration.ofMillis(300);
            var slow = assertThrows(ModelServerClient.ModelServerException.class,
                    () -> new ModelServerClient(base, "SLOW", AS_OF, timeout).volatility(0.25, 450));
            assertTrue(slow.getMessage().contains("did not answer within 300 ms"), slow.getMessage());
            var missing = assertThrows(ModelServerClient.ModelServerException.class,
                    () -> new ModelServerClient(base, "NOPE", AS_OF, Duration.ofSeconds(5)).volatility(0.25, 450));
            assertEquals(404, missing.status());
            assertTrue(missing.getMessage().contains("no stored surfaces for ticker NOPE"), missing.getMessage());
            ModelServerClient ok = new ModelServerClient(base, "SPY", AS_OF, Duration.ofSeconds(5));
            assertEquals(0.1834, ok.volatility(0.25, 450), 0.0);
            assertEquals(LocalDate.of(2026, 8, 21), ok.impliedVol(0.25, 450).forecastFor());
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    @Test
    void badArgumentsAreRejectedBeforeAnyCall() {
        ModelServerClient c = new ModelServerClient(URI.create("http://127.0.0.1:1"), "SPY", AS_OF);
        assertThrows(IllegalArgumentException.class, () -> c.volatility(0, 100));
        assertThrows(IllegalArgumentException.class, () -> c.volatility(Double.NaN, 100));
        assertThrows(IllegalArgumentException.class, () -> c.volatility(0.5, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelServerClient(URI.create("relative/path"), "SPY", AS_OF));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelServerClient(URI.create("http://127.0.0.1:1"), " ", AS_OF));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }
}
