package io.volsurf.backtest.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents behind the chart page ({@code /api/v1/report/...}) and the static report, which embeds the
 * same documents. Volatilities are decimals (0.2 = 20%; the page shows vol points), tenors calendar days,
 * log-moneyness {@code k = ln(K/F)}, money in the run's currency (USD). A missing value is null, never NaN. Field
 * names are part of the REST contract: add, never rename.
 */
public final class ChartViews {

    private ChartViews() {
    }

    /** A ticker with stored surfaces. */
    public record TickerInfo(String ticker, int sessions, LocalDate first, LocalDate last) {
    }

    /** What the pickers offer: tickers, and the model that serves forecasts (null when none can be loaded). */
    public record Tickers(List<TickerInfo> tickers, String modelId) {
    }

    /** The stored sessions of one ticker, in order. */
    public record Sessions(String ticker, List<LocalDate> sessions) {
    }

    /** One canonical grid cell of the market (the model's input) or of the forecast. */
    public record GridPoint(double tenorDays, double logMoneyness, double impliedVol) {
    }

    /**
     * Market and forecast surfaces on one regular tenor x log-moneyness grid ({@code impliedVol[row][col]} at
     * {@code tenorsDays[row]}, {@code logMoneyness[col]}). Market values come from the session's SVI slices
     * (total variance linear in maturity between listed expiries) and are null outside the quoted strikes or
     * listed expiries; forecast values are the ModelServer's (the rule of {@code /api/v1/surface}) and are null
     * outside the model's tenors and knots.
     *
     * @param forecastNote why there is no forecast (no model, too little history), else null
     */
    public record SurfaceChart(String ticker, LocalDate date, Double spot, LocalDate forecastFor, String modelId,
            String forecastNote, List<Double> tenorsDays, List<Double> logMoneyness, List<List<Double>> marketIv,
            List<List<Double>> forecastIv, List<GridPoint> marketCells, List<GridPoint> forecastCells) {
    }

    /** A curve of implied vol against log-moneyness. */
    public record Curve(List<Double> logMoneyness, List<Double> impliedVol) {
    }

    /** The quotes of one expiry (out of the money: puts below the forward, calls above), as implied vols. */
    public record QuotePoints(List<Double> logMoneyness, List<Double> strike, List<Double> mid, List<Double> bid,
            List<Double> ask, List<String> type) {
    }

    /**
     * One listed expiry's smile on the as-of session: quotes, the stored SVI fit, the forecast for the next session
     * at the same expiry (its maturity one session shorter), and the next stored session's SVI fit (what happened).
     *
     * @param forecastExtrapolated the forecast maturity lies outside the model's tenors (vol held flat at fixed k)
     */
    public record Smile(LocalDate expiry, double maturityYears, double days, double forward, int quotesInFit,
            Double rmseVolPoints, QuotePoints quotes, Curve svi, Curve forecast, boolean forecastExtrapolated,
            Curve realized) {
    }

    /**
     * Smiles per expiry of one session (at most {@code ChartDataService.MAX_SMILES}, spread over the maturities).
     *
     * @param nextSession the next stored session (whose fits are the {@code realized} curves), or null
     * @param expiriesListed how many expiries the session has fitted
     */
    public record SmilesChart(String ticker, LocalDate date, LocalDate forecastFor, LocalDate nextSession,
            String modelId, String forecastNote, int expiriesListed, List<Smile> smiles) {
    }

    /**
     * One forecast of the ATM implied vol at one tenor against what the next session showed.
     *
     * @param carryIv the as-of session's own value at that cell (the carry-forward forecast), null when that
     *                session was not itself a forecast target in the evaluation
     */
    public record ForecastPoint(LocalDate asOf, LocalDate forecastFor, double logMoneyness, double forecastIv,
            double realizedIv, Double carryIv) {
    }

    /** The model's error over every evaluated cell of one forecast session. */
    public record DailyError(LocalDate forecastFor, int cells, double rmseVolPoints) {
    }

    /**
     * Forecast against realised implied vol over time, from the latest evaluation of the model on the ticker
     * ({@code forecast_vs_realized}, kind {@code cell}).
     *
     * @param note why there is nothing to show (no evaluation stored), else null
     */
    public record ForecastErrors(String ticker, String modelId, Long evaluationId, Double tenorDays,
            List<ForecastPoint> points, List<DailyError> daily, String note) {
    }

    /** One session of a backtest run: {@code daily_pnl} with its {@code pnl_attribution_daily} row (null on the first). */
    public record RunDay(LocalDate date, double total, double cumulative, Double portfolioValue, Double delta,
            Double gamma, Double vega, Double theta, Double residual, Double forecastPredicted, Double forecastError,
            Double attributedTotal) {
    }

    /** A run (its {@code run_summary} row) and its sessions. */
    public record RunChart(Map<String, Object> run, List<RunDay> days) {
    }

    /** Every run, newest first ({@code run_summary}). */
    public record Runs(List<Map<String, Object>> runs) {
    }
}
