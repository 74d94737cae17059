package io.volsurf.backtest.rest;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.volsurf.backtest.app.VolsurfServerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * The request limits, answered as problem+json (413, 414, 431) before any route or the body is read. Vert.x's own
 * codec limits answer with an empty text body and cannot be mapped, so they are set above these
 * ({@code quarkus.http.limits.*} in application.properties) and only a request beyond them (64 KiB of request line
 * or headers, 40 MiB of body) still meets Vert.x's bare answer.
 */
@ApplicationScoped
public class HttpLimits {

    private final VolsurfServerConfig config;

    public HttpLimits(VolsurfServerConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        // Before Quarkus's own body-size check (ROUTE_ORDER_UPLOAD_LIMIT), which answers in plain text.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        String uri = r.uri();
        if (uri.length() > config.maxUriLength()) {
            reject(ctx, 414, "uri-too-long", "URI too long", "the request target holds " + uri.length()
                    + " characters, at most " + config.maxUriLength() + " are accepted (volsurf.server.max-uri-length)",
                    null);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : r.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4; // "name: value\r\n"
        }
        if (headerBytes > config.maxHeaderSize()) {
            reject(ctx, 431, "headers-too-large", "Request header fields too large", "the request headers hold "
                    + headerBytes + " bytes, at most " + config.maxHeaderSize() + " are accepted "
                    + "(volsurf.server.max-header-size)", null);
            return;
        }
        String length = r.getHeader("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                reject(ctx, 400, "bad-parameter", "Bad request parameter", "Content-Length must be a whole number, "
                        + "got '" + length + "'", "Content-Length");
                return;
            }
            if (n > config.maxBodySize()) {
                reject(ctx, 413, "too-large", "Request too large", "the request body is " + n + " bytes, larger than "
                        + ChainBody.bytes(config.maxBodySize()) + " (volsurf.server.max-body-size): send the chain "
                        + "gzipped or split it by session", "body");
                return;
            }
        }
        ctx.next();
    }

    private static void reject(RoutingContext ctx, int status, String type, String title, String detail,
            String parameter) {
        // The path alone: an over-long query must not be echoed back.
        String body = ProblemMappers.json(type, title, status, detail, parameter, ctx.request().path() == null ? null
                : truncate(ctx.request().path()));
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(body);
    }

    private static String truncate(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }
}
