package io.volsurf.strategy.backtest;

/**
 * The evaluation hooks over one run: forecast against realized, pricing error and arbitrage counts.
 *
 * @param contractsCompared      forecast-vs-realized rows on held contracts
 * @param rmseVolPoints          RMSE of forecast vs realized IV on those contracts, vol points (1.0 = 0.01)
 * @param rmseTotalVariance      RMSE of forecast vs realized total variance {@code sigma^2 T}
 * @param arbitrageViolations    summed arbitrage violations the forecasts reported; -1 when none reported any
 * @param pricedOptions          listed OTM options priced with the previous session's forecast
 * @param pricingRmseUsd         RMSE of forecast-IV price minus market price, USD per unit of underlying
 * @param pricingMaeUsd          mean absolute pricing error, USD per unit
 * @param forecastPredictedPnl   summed portfolio forecastPredicted attribution, USD
 * @param forecastErrorPnl       summed portfolio forecastError attribution, USD
 * @param carryForwardRmseVolPoints RMSE on the same contracts of the carry-forward forecast (tomorrow's IV = today's
 *                               market IV), vol points: the bar {@code rmseVolPoints} must beat to be skill
 */
public record EvaluationSummary(long contractsCompared, double rmseVolPoints, double rmseTotalVariance,
        long arbitrageViolations, long pricedOptions, double pricingRmseUsd, double pricingMaeUsd,
        double forecastPredictedPnl, double forecastErrorPnl, double carryForwardRmseVolPoints) {

    /** The forecast's RMSE over carry-forward's on the run's own contracts (below 1: better); NaN without data. */
    public double skillRatio() {
        return carryForwardRmseVolPoints > 0 ? rmseVolPoints / carryForwardRmseVolPoints : Double.NaN;
    }
}
