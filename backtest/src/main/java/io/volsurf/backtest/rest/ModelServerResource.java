package io.volsurf.backtest.rest;

import io.volsurf.backtest.rest.ModelServerResponses.ChainRefreshResponse;
import io.volsurf.backtest.rest.ModelServerResponses.ImpliedVolResponse;
import io.volsurf.backtest.rest.ModelServerResponses.SurfaceResponse;
import io.volsurf.backtest.rest.ModelServerResponses.SviParamsResponse;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.volsurf.backtest.serving.ForecastSurfaceReader;
import io.volsurf.forecaster.ingest.ChainFormat;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ModelServer REST API (a contract: paths and fields are added, never renamed): {@code date} is the as-of date, the forecast is for the next
 * session, named {@code forecastFor}. Parameters arrive as text and are checked here, so that bad input is a 400
 * naming the parameter, never a framework 404 or 500. A GET whose forecast is cached is answered on the I/O thread
 * from the document serialised when it was first asked for (or, for an implied vol, a few microseconds of
 * arithmetic); anything else runs on a worker thread.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ModelServer", description = "Next-session implied volatility surface forecasts")
public class ModelServerResource {

    private static final String TICKER_DOC = "Underlying, case-insensitive (SPY, iwm, BTC)";
    private static final String DATE_DOC = "As-of session (ISO date): the forecast uses data up to its close and is "
            + "for the next trading session; 'latest' for the ticker's latest stored session";

    private final ModelServerService service;
    private final ChainRefreshService chains;

    public ModelServerResource(ModelServerService service, ChainRefreshService chains) {
        this.service = service;
        this.chains = chains;
    }

    @GET
    @Path("/surface/{ticker}/{date}")
    @Operation(summary = "get_surface: the forecast surface on a grid",
            description = "Implied vol and total variance of the next session's forecast on the model's canonical "
                    + "grid, or on tenors (calendar days) x k (log-moneyness ln(K/F)) or x strikes. Values come from "
                    + "the forecast's per-tenor SVI slices (source=svi) or its grid cells (source=grid). "
                    + "Extrapolation: " + ForecastSurfaceReader.EXTRAPOLATION + ".")
    @APIResponse(responseCode = "200", description = "The surface", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurfaceResponse.class)))
    @APIResponse(responseCode = "400", description = "A bad parameter, named in the problem body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad k", value = "{\"type\":\"https://volsurf.io/problems/"
                            + "bad-parameter\",\"title\":\"Bad request parameter\",\"status\":400,\"detail\":\"k must "
                            + "be a number (comma-separated numbers), got 'x'\",\"parameter\":\"k\"}")))
    @APIResponse(responseCode = "404", description = "Unknown ticker, no session on that date, or too little history")
    @APIResponse(responseCode = "503", description = "No model loaded")
    public Uni<Response> surface(
            @Parameter(description = TICKER_DOC, example = "SPY") @PathParam("ticker") String ticker,
            @Parameter(description = DATE_DOC, example = "2026-08-20") @PathParam("date") String date,
            @Parameter(description = "Tenors in calendar days, comma separated (default: the model's)",
                    example = "7,30,91") @QueryParam("tenors") String tenors,
            @Parameter(description = "Log-moneyness ln(K/F), comma separated (default: the model's knots)",
                    example = "-0.2,-0.1,0,0.1") @QueryParam("k") String k,
            @Parameter(description = "Strikes instead of k: k = ln(K/F(T)) with the as-of session's forward",
                    example = "600,650,700") @QueryParam("strikes") String strikes,
            @Parameter(description = "Named grid; only 'canonical' (the model's grid, the default)",
                    example = "canonical") @QueryParam("grid") String grid) {
        String t = RequestParameters.ticker(ticker);
        LocalDate d = RequestParameters.dateOrLatest(date);
        double[] days = RequestParameters.tenorsDays(tenors);
        double[] ks = RequestParameters.logMoneyness(k);
        double[] ss = RequestParameters.strikes(strikes);
        if (grid != null && !grid.trim().equalsIgnoreCase("canonical")) {
            throw new BadParameterException("grid", "unknown grid '" + grid + "': the only named grid is 'canonical'; "
                    + "give tenors= and k= or strikes= for another");
        }
        if (grid != null && (days != null || ks != null || ss != null)) {
            throw new BadParameterException("grid", "grid=canonical cannot be combined with tenors, k or strikes");
        }
        if (ks != null && ss != null) {
            throw new BadParameterException("strikes", "give k (log-moneyness) or strikes, not both");
        }
        byte[] cached = service.cachedSurfaceJson(t, d, days, ks, ss);
        if (cached != null) {
            return Uni.createFrom().item(json(cached));
        }
        return onWorker(() -> json(service.surfaceJson(t, d, days, ks, ss)));
    }

    @GET
    @Path("/implied-vol/{ticker}/{date}")
    @Operation(summary = "get_implied_vol: one forecast implied vol",
            description = "The next session's forecast Black implied vol (decimal) at a maturity in years (ACT/365F) "
                    + "and a strike, read by the same rule as the surface endpoint. Extrapolation: "
                    + ForecastSurfaceReader.EXTRAPOLATION + "; 'extrapolated' says when it applied.")
    @APIResponse(responseCode = "200", description = "The implied vol")
    @APIResponse(responseCode = "400", description = "A bad parameter, named in the problem body")
    @APIResponse(responseCode = "404", description = "Unknown ticker, no session on that date, or too little history")
    @APIResponse(responseCode = "503", description = "No model loaded")
    public Uni<ImpliedVolResponse> impliedVol(
            @Parameter(description = TICKER_DOC, example = "SPY") @PathParam("ticker") String ticker,
            @Parameter(description = DATE_DOC, example = "2026-08-20") @PathParam("date") String date,
            @Parameter(description = "Maturity in years (ACT/365F), > 0", required = true, example = "0.25")
            @QueryParam("maturity") String maturity,
            @Parameter(description = "Strike price, > 0", required = true, example = "650")
            @QueryParam("strike") String strike) {
        String t = RequestParameters.ticker(ticker);
        LocalDate d = RequestParameters.dateOrLatest(date);
        double years = RequestParameters.maturityYears(maturity);
        double k = RequestParameters.strike(strike);
        ImpliedVolResponse cached = service.cachedImpliedVol(t, d, years, k);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return onWorker(() -> service.impliedVol(t, d, years, k));
    }

    @GET
    @Path("/svi-params/{ticker}/{date}")
    @Operation(summary = "get_svi_params: SVI parameters per maturity",
            description = "Raw SVI (a, b, rho, m, sigma; total variance w(k) = a + b(rho(k-m) + sqrt((k-m)^2 + "
                    + "sigma^2))) of the forecast at each model tenor with the forward there, and the as-of session's "
                    + "fitted slices per listed expiry.")
    @APIResponse(responseCode = "200", description = "The SVI parameters", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SviParamsResponse.class)))
    @APIResponse(responseCode = "400", description = "A bad parameter, named in the problem body")
    @APIResponse(responseCode = "404", description = "Unknown ticker, no session on that date, or too little history")
    @APIResponse(responseCode = "503", description = "No model loaded")
    public Uni<Response> sviParams(
            @Parameter(description = TICKER_DOC, example = "SPY") @PathParam("ticker") String ticker,
            @Parameter(description = DATE_DOC, example = "2026-08-20") @PathParam("date") String date) {
        String t = RequestParameters.ticker(ticker);
        LocalDate d = RequestParameters.dateOrLatest(date);
        byte[] cached = service.cachedSviParamsJson(t, d);
        if (cached != null) {
            return Uni.createFrom().item(json(cached));
        }
        return onWorker(() -> json(service.sviParamsJson(t, d)));
    }

    private static Response json(byte[] document) {
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A cache miss reads the database and runs the model: never on the I/O thread. */
    private static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @POST
    @Blocking
    @Path("/chains/{ticker}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Refresh a ticker with a new session's chain (needs X-API-Key)",
            description = "The body is a chain file in any supported layout (generic CSV, us-options JSON, Deribit, "
                    + "CBOE, OptionMetrics; plain or gzipped). It is read and checked in full before anything is "
                    + "stored; then the sessions, surfaces and SVI fits are replaced and the cached forecast refreshed.")
    @APIResponse(responseCode = "200", description = "Stored and refreshed")
    @APIResponse(responseCode = "400", description = "Malformed body or parameter; nothing stored")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-API-Key, or no key configured")
    @APIResponse(responseCode = "413", description = "Body over volsurf.server.max-body-size, or inflating to more "
            + "than volsurf.server.max-chain-size; nothing stored")
    public ChainRefreshResponse refreshChain(
            @Parameter(description = TICKER_DOC, example = "SPY") @PathParam("ticker") String ticker,
            @Parameter(description = "The API key (volsurf.api-key)") @HeaderParam("X-API-Key") String apiKey,
            @Parameter(description = "Layout: auto (default), generic, us-options, deribit, cboe, optionmetrics",
                    example = "auto") @QueryParam("format") String format,
            @Parameter(description = "Collection date of a us-options JSON body (its folder date)",
                    example = "2026-08-21") @QueryParam("date") String date,
            @Parameter(description = "A us-options body names no underlying, so its spot is checked against the "
                    + "ticker's stored spots; true stores a real jump (a split) anyway", example = "false")
            @QueryParam("allow-spot-jump") String allowSpotJump,
            InputStream body) {
        chains.authorise(apiKey);
        String t = RequestParameters.ticker(ticker);
        ChainFormat f;
        try {
            f = ChainFormat.fromCliName(format);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("format", e.getMessage().replace("--format", "format"));
        }
        LocalDate d = date == null ? null : RequestParameters.date("date", date);
        return chains.refresh(t, f, d, body, RequestParameters.flag("allow-spot-jump", allowSpotJump));
    }
}
