package io.volsurf.strategy.result;

import io.volsurf.strategy.market.ContractKey;
import java.time.LocalDate;

/**
 * Mark-to-market PnL (USD) of a position held from the previous session's close to this one's, split by
 * Taylor expansion in the previous close's Greeks: {@code delta = q m Delta dS}, {@code gamma = 1/2 q m Gamma dS^2},
 * {@code vega = q m Vega dSigma}, {@code theta = q m Theta dt} (dt in years ACT/365F between snapshots), and
 * {@code residual = total - (delta + gamma + vega + theta)} (higher orders, vanna/volga, carry, marks), so the
 * components sum to the total exactly. The vega term splits by forecast error: {@code forecastPredicted =
 * q m Vega (forecastIV - IV_prev)} and {@code forecastError = q m Vega (IV_now - forecastIV)}, with forecastIV the
 * forecast for this session made at the previous close; without a forecast the prediction is "no change"
 * (predicted 0, error = vega). Field names follow the fixed {@code report --run ID} JSON contract.
 *
 * @param date              the session the PnL was realised in (t)
 * @param ticker            underlying
 * @param scope             one position, or the portfolio
 * @param tradeId           trade idea of the position; 0 for hedges and the portfolio row
 * @param role              the position's role; null for the portfolio row
 * @param contract          the option; null for the underlying and the portfolio row
 * @param total             mark-to-market PnL, USD
 * @param delta             first-order spot PnL, USD
 * @param gamma             second-order spot PnL, USD
 * @param vega              implied-vol PnL, USD
 * @param theta             time-decay PnL, USD
 * @param residual          total minus the four terms, USD
 * @param forecastPredicted the part of the vega PnL the forecast predicted, USD
 * @param forecastError     the part of the vega PnL due to the forecast's error, USD
 */
public record PnlAttribution(LocalDate date, String ticker, AttributionScope scope, long tradeId, PositionRole role,
        ContractKey contract, double total, double delta, double gamma, double vega, double theta, double residual,
        double forecastPredicted, double forecastError) {

    /** {@code |delta + gamma + vega + theta + residual - total|} relative to the largest term (0 when all are 0). */
    public double identityError() {
        double sum = delta + gamma + vega + theta + residual;
        double scale = Math.max(Math.abs(total),
                Math.abs(delta) + Math.abs(gamma) + Math.abs(vega) + Math.abs(theta) + Math.abs(residual));
        return scale == 0 ? 0.0 : Math.abs(sum - total) / scale;
    }

    /** {@code |forecastPredicted + forecastError - vega|} relative to the largest term (0 when all are 0). */
    public double forecastIdentityError() {
        double scale = Math.max(Math.abs(vega), Math.abs(forecastPredicted) + Math.abs(forecastError));
        return scale == 0 ? 0.0 : Math.abs(forecastPredicted + forecastError - vega) / scale;
    }
}
