package io.volsurf.backtest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.serving.ForecastUnavailableException;
import io.volsurf.backtest.serving.ModelUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns failures into RFC 7807 problem bodies: bad input 400 naming the parameter, unknown ticker or too little
 * history 404, missing API key 401, too large 413, no model or busy 503. Anything else is a server fault (500): its
 * exception and any SQL text are logged with an id and never sent, the body carries only the id.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://volsurf.io/problems/";

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e, UriInfo uri) {
        return problem("bad-parameter", "Bad request parameter", 400, e.getMessage(), e.parameter(), uri);
    }

    @ServerExceptionMapper
    public Response notFound(ForecastingService.NoSuchElementException e, UriInfo uri) {
        return problem("not-found", "No such ticker or too little history", 404, e.getMessage(), null, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Response.fromResponse(problem("unauthorized", "Missing or invalid API key", 401, e.getMessage(),
                "X-API-Key", uri)).header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"").build();
    }

    @ServerExceptionMapper
    public Response tooLarge(RequestTooLargeException e, UriInfo uri) {
        return Response.fromResponse(problem("too-large", "Request too large", 413, e.getMessage(), "body", uri))
                .header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response busy(ServerBusyException e, UriInfo uri) {
        return Response.fromResponse(problem("busy", "Server busy", 503, e.getMessage(), null, uri))
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response modelUnavailable(ModelUnavailableException e, UriInfo uri) {
        return problem("model-unavailable", "No forecasting model loaded", 503, e.getMessage(), null, uri);
    }

    @ServerExceptionMapper
    public Response unprocessable(ForecastUnavailableException e, UriInfo uri) {
        return problem("forecast-unavailable", "Cannot forecast from the stored history", 422, e.getMessage(), null,
                uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        return problem("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status, e.getMessage(),
                null, uri);
    }

    /** Errors too (an OutOfMemoryError included): a problem body, never the framework's text/plain 500. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return internal(e, uri);
    }

    private static Response internal(Throwable e, UriInfo uri) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s on %s", id, uri == null ? "?" : uri.getPath());
        return problem("internal", "Internal server error", 500, "unexpected server fault; the server log holds "
                + "its cause under the id " + id, null, uri);
    }

    static Response problem(String type, String title, int status, String detail, String parameter, UriInfo uri) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(json(type, title, status, detail, parameter, uri == null ? null : uri.getPath())).build();
    }

    /** The problem document as JSON text (also written by the HTTP limits filter, outside JAX-RS). */
    static String json(String type, String title, int status, String detail, String parameter, String path) {
        Problem p = new Problem(BASE + type, title, status, detail, parameter, path);
        try {
            return JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + status + "}";
        }
    }
}
