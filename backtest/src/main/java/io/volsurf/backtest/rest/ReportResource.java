package io.volsurf.backtest.rest;

import io.volsurf.backtest.report.ChartDataService;
import io.volsurf.backtest.report.ChartViews.ForecastErrors;
import io.volsurf.backtest.report.ChartViews.RunChart;
import io.volsurf.backtest.report.ChartViews.Runs;
import io.volsurf.backtest.report.ChartViews.Sessions;
import io.volsurf.backtest.report.ChartViews.SmilesChart;
import io.volsurf.backtest.report.ChartViews.SurfaceChart;
import io.volsurf.backtest.report.ChartViews.Tickers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The chart page's data ({@code /} draws it; {@code report --html} embeds the same documents): small read-only
 * JSON documents for the pickers and for each chart. Parameters are checked here: bad input is a 400 naming the
 * parameter.
 */
@Path("/api/v1/report")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Report", description = "Chart data: surfaces, smiles, forecast vs realised, backtest runs")
public class ReportResource {

    private static final String TICKER_DOC = "Underlying, case-insensitive (SPY, iwm, BTC)";
    private static final String DATE_DOC = "Session (ISO date), or 'latest' for the ticker's latest stored session";
    /** Default tenor of the forecast-vs-realised chart: the 30-day ATM vol, the number a vol desk quotes. */
    private static final double DEFAULT_TENOR_DAYS = 30;

    private final ChartDataService charts;

    public ReportResource(ChartDataService charts) {
        this.charts = charts;
    }

    @GET
    @Path("/tickers")
    @Operation(summary = "Tickers with stored surfaces (sessions, first and last) and the served model")
    public Tickers tickers() {
        return charts.tickers();
    }

    @GET
    @Path("/sessions/{ticker}")
    @Operation(summary = "The stored sessions of a ticker, in order")
    @APIResponse(responseCode = "400", description = "A bad parameter, named in the problem body")
    @APIResponse(responseCode = "404", description = "Unknown ticker")
    public Sessions sessions(@Parameter(description = TICKER_DOC, example = "SPY") @PathParam("ticker") String ticker) {
        return charts.sessions(RequestParameters.ticker(ticker));
    }

    @GET
    @Path("/surface/{ticker}/{date}")
    @Operation(summary = "Market and forecast implied vol on one tenor x log-moneyness grid",
            description = "Market: the session's SVI slices, total variance linear in maturity between listed "
                    + "expiries, null outside the quoted strikes. Forecast: the ModelServer's next-session surface "
                    + "(the rule of /api/v1/surface), null outside the model's tenors and knots; forecastNote says "
                    + "why when there is none. Also the canonical grid cells of both.")
    @APIResponse(responseCode = "400", description = "A bad parameter, named in the problem body")
    @APIResponse(responseCode = "404", description = "Unknown ticker or no session on that date")
    public SurfaceChart surface(
            @Parameter(description = TICKER_DOC, example = "SPY") @PathParam("ticker") String ticker,
            @Parameter(description = DATE_DOC, example = "2026-08-20") @PathParam("date") String date) {
        return charts.surface(RequestParameters.ticker(ticker), RequestParameters.dateOrLatest(date));
    }

    @GET
    @Path("/smiles/{ticker}/{date}")
    @Operation(summary = "Smiles per expiry: quotes (bid, mid, ask vols), SVI fit, forecast, next session's fit",
            description = "At most 12 expiries, spread over the maturities. The forecast is read at the same expiry "
                    + "on the forecast session (one session shorter); realized is the next stored session's SVI fit.")
    @APIResponse(responseCode = "400", description = "A bad parameter, named in the problem body")
    @APIResponse(responseCode = "404", description = "Unknown ticker or no session on that date")
    public SmilesChart smiles(
            @Parameter(description = TICKER_DOC, example = "SPY") @PathParam("ticker") String ticker,
            @Parameter(description = DATE_DOC, example = "2026-08-20") @PathParam("date") String date) {
        return charts.smiles(RequestParameters.ticker(ticker), RequestParameters.dateOrLatest(date));
    }

    @GET
    @Path("/forecast-errors/{ticker}")
    @Operation(summary = "Forecast vs realised implied vol over time (from the latest stored evaluation)",
            description = "The ATM cell at the evaluated tenor nearest 'tenor' per forecast, with the carry-forward "
                    + "value, and the RMSE over every evaluated cell per forecast session (vol points).")
    @APIResponse(responseCode = "400", description = "A bad parameter, named in the problem body")
    @APIResponse(responseCode = "404", description = "Unknown ticker")
    public ForecastErrors forecastErrors(
            @Parameter(description = TICKER_DOC, example = "SPY") @PathParam("ticker") String ticker,
            @Parameter(description = "Model id (default: the most recently evaluated on the ticker)")
            @QueryParam("model") String model,
            @Parameter(description = "Tenor in calendar days (default 30; the nearest evaluated is used)",
                    example = "30") @QueryParam("tenor") String tenor) {
        return charts.forecastErrors(RequestParameters.ticker(ticker), RequestParameters.modelIdOrNull(model),
                tenor == null ? DEFAULT_TENOR_DAYS : RequestParameters.tenorDays(tenor));
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Every backtest run, newest first (view run_summary)")
    public Runs runs() {
        return charts.runs();
    }

    @GET
    @Path("/runs/{id}")
    @Operation(summary = "One backtest run: summary, daily PnL (equity curve) and attribution by day",
            description = "daily_pnl joined with pnl_attribution_daily: delta + gamma + vega + theta + residual = "
                    + "attributedTotal, forecastPredicted + forecastError = vega; the first session has no "
                    + "attribution (nothing was carried into it).")
    @APIResponse(responseCode = "400", description = "A bad parameter, named in the problem body")
    @APIResponse(responseCode = "404", description = "No such run")
    public RunChart run(@Parameter(description = "Run id (GET /api/v1/report/runs)", example = "3")
            @PathParam("id") String id) {
        long runId = RequestParameters.runId(id);
        return charts.run(runId).orElseThrow(() -> new NotFoundException("no backtest run " + runId
                + " (GET /api/v1/report/runs lists them)"));
    }
}
