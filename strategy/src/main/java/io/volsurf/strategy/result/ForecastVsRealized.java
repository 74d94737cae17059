package io.volsurf.strategy.result;

import io.volsurf.strategy.market.ContractKey;
import java.time.LocalDate;

/**
 * A forecast IV made at the close of {@code forecastMadeOn} for session {@code date}, against what the market
 * showed at {@code date}.
 *
 * @param forecastMadeOn     session t the forecast was made at
 * @param date               session t+1 it was for
 * @param ticker             underlying
 * @param scope              a held contract or a grid cell
 * @param contract           the contract; null for grid cells
 * @param tenorDays          the grid tenor, calendar days; 0 for contracts
 * @param knot               the grid knot; NaN for contracts
 * @param maturityYears      maturity at {@code date}, ACT/365F
 * @param logMoneyness       {@code ln(K/F)} at {@code date}
 * @param marketIvAtForecast market IV at {@code forecastMadeOn} (decimal)
 * @param forecastIv         forecast IV (decimal)
 * @param realizedIv         market IV at {@code date} (decimal)
 * @param errorVolPoints     {@code 100 x (realizedIv - forecastIv)}
 */
public record ForecastVsRealized(LocalDate forecastMadeOn, LocalDate date, String ticker, ForecastScope scope,
        ContractKey contract, int tenorDays, double knot, double maturityYears, double logMoneyness,
        double marketIvAtForecast, double forecastIv, double realizedIv, double errorVolPoints) {

    /** A contract row; the error is computed here. */
    public static ForecastVsRealized contract(LocalDate madeOn, LocalDate date, String ticker, ContractKey contract,
            double maturityYears, double logMoneyness, double marketIvAtForecast, double forecastIv,
            double realizedIv) {
        return new ForecastVsRealized(madeOn, date, ticker, ForecastScope.CONTRACT, contract, 0, Double.NaN,
                maturityYears, logMoneyness, marketIvAtForecast, forecastIv, realizedIv,
                100 * (realizedIv - forecastIv));
    }

    /** A grid-cell row; the error is computed here. */
    public static ForecastVsRealized gridCell(LocalDate madeOn, LocalDate date, String ticker, int tenorDays,
            double knot, double maturityYears, double logMoneyness, double marketIvAtForecast, double forecastIv,
            double realizedIv) {
        return new ForecastVsRealized(madeOn, date, ticker, ForecastScope.GRID_CELL, null, tenorDays, knot,
                maturityYears, logMoneyness, marketIvAtForecast, forecastIv, realizedIv,
                100 * (realizedIv - forecastIv));
    }

    /** Total-variance error {@code (realized^2 - forecast^2) T}. */
    public double totalVarianceError() {
        return (realizedIv * realizedIv - forecastIv * forecastIv) * maturityYears;
    }
}
