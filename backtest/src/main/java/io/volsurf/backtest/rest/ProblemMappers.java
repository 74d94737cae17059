package io.volsurf.backtest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volsurf.backtest.forecasting.ForecastingService;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns failures into RFC 7807 problem bodies: bad input 400 naming the parameter, unknown ticker or too little
 * history 404, missing API key 401, no model 503. Anything else is a server fault (500), logged, never caused by
 * input the resource accepted.
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
        return problem("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status, e.getMessage(),
                null, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return problem("internal", "Internal server error", 500, "unexpected server fault: " + e, null, uri);
    }

    static Response problem(String type, String title, int status, String detail, String parameter, UriInfo uri) {
        Problem p = new Problem(BASE + type, title, status, detail, parameter, uri == null ? null : uri.getPath());
        String body;
        try {
            body = JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
