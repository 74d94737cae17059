package io.volsurf.strategy.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volsurf.greeks.VolatilitySource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;

/**
 * A {@link VolatilitySource} backed by a running ModelServer ({@code ./volsurf serve}): the next session's forecast
 * Black vol for one ticker as of one date, so MLStockPredict code can price with forecasts. Each call is one
 * {@code GET /api/v1/implied-vol}; connect and request timeouts are bounded and every failure is a
 * {@link ModelServerException} that says what happened (server down, timeout, the server's problem detail).
 * Thread-safe; no framework needed.
 */
public final class ModelServerClient implements VolatilitySource {

    /** Default connect timeout and per-request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final String ticker;
    private final LocalDate asOf;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUri the server, e.g. {@code http://127.0.0.1:8080}
     * @param ticker  the underlying
     * @param asOf    the as-of session (the forecast is for the next one)
     * @param timeout connect and request timeout
     */
    public ModelServerClient(URI baseUri, String ticker, LocalDate asOf, Duration timeout) {
        if (baseUri == null || baseUri.getScheme() == null || baseUri.getHost() == null) {
            throw new IllegalArgumentException("baseUri must be an absolute http URI, got " + baseUri);
        }
        if (ticker == null || ticker.isBlank()) {
            throw new IllegalArgumentException("ticker must not be blank");
        }
        if (asOf == null) {
            throw new IllegalArgumentException("asOf must not be null");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        String s = baseUri.toString();
        this.baseUri = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.ticker = ticker.trim();
        this.asOf = asOf;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public ModelServerClient(URI baseUri, String ticker, LocalDate asOf) {
        this(baseUri, ticker, asOf, DEFAULT_TIMEOUT);
    }

    /**
     * One forecast implied vol as the server reports it.
     *
     * @param impliedVol    Black vol (decimal, per sqrt(year))
     * @param forecastFor   the session the forecast is for
     * @param modelId       the model that made it
     * @param forward       the forward used to map the strike to {@code k = ln(K/F)}
     * @param extrapolated  true when the point lies outside the model's tenors or knots
     */
    public record ImpliedVolQuote(double impliedVol, LocalDate forecastFor, String modelId, double forward,
            boolean extrapolated) {
    }

    /** Black volatility (decimal) of the forecast at {@code maturityYears} (ACT/365F) and {@code strike}. */
    @Override
    public double volatility(double maturityYears, double strike) {
        return impliedVol(maturityYears, strike).impliedVol();
    }

    /** The server's full answer for one point. */
    public ImpliedVolQuote impliedVol(double maturityYears, double strike) {
        if (!(maturityYears > 0) || Double.isInfinite(maturityYears)) {
            throw new IllegalArgumentException("maturityYears must be finite and > 0, got " + maturityYears);
        }
        if (!(strike > 0) || Double.isInfinite(strike)) {
            throw new IllegalArgumentException("strike must be finite and > 0, got " + strike);
        }
        URI uri = URI.create(baseUri + "/api/v1/implied-vol/" + encode(ticker) + "/" + asOf + "?maturity="
                + Double.toString(maturityYears) + "&strike=" + Double.toString(strike));
        JsonNode doc = get(uri);
        JsonNode iv = doc.get("impliedVol");
        if (iv == null || !iv.isNumber()) {
            throw new ModelServerException("ModelServer at " + baseUri + " answered without impliedVol: " + doc);
        }
        return new ImpliedVolQuote(iv.asDouble(), LocalDate.parse(doc.path("forecastFor").asText()),
                doc.path("modelId").asText(), doc.path("forward").asDouble(Double.NaN),
                doc.path("extrapolated").asBoolean(false));
    }

    private JsonNode get(URI uri) {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new ModelServerException("ModelServer at " + baseUri + " did not accept a connection within "
                    + timeout.toMillis() + " ms: is './volsurf serve' running there?", e);
        } catch (HttpTimeoutException e) {
            throw new ModelServerException("ModelServer at " + baseUri + " did not answer within "
                    + timeout.toMillis() + " ms (" + uri.getPath() + ")", e);
        } catch (ConnectException e) {
            throw new ModelServerException("ModelServer at " + baseUri + " is not reachable (connection refused): "
                    + "is './volsurf serve' running there?", e);
        } catch (IOException e) {
            throw new ModelServerException("ModelServer at " + baseUri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelServerException("interrupted while calling the ModelServer at " + baseUri, e);
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new ModelServerException("ModelServer at " + baseUri + " answered HTTP " + resp.statusCode()
                    + " with a body that is not JSON", e);
        }
        if (resp.statusCode() != 200) {
            String detail = doc.path("detail").asText(resp.body());
            throw new ModelServerException("ModelServer answered HTTP " + resp.statusCode() + " for " + uri.getPath()
                    + ": " + detail, resp.statusCode());
        }
        return doc;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A ModelServer call that did not give a volatility; {@link #status()} is the HTTP status, or 0 when none came. */
    public static final class ModelServerException extends RuntimeException {
        private final int status;

        ModelServerException(String message, Throwable cause) {
            super(message, cause);
            this.status = 0;
        }

        ModelServerException(String message) {
            super(message);
            this.status = 0;
        }

        ModelServerException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
