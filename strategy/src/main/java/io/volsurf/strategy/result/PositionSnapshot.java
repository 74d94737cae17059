package io.volsurf.strategy.result;

import io.volsurf.strategy.market.ContractKey;
import java.time.LocalDate;

/**
 * One position at the close of a session, after the session's trades, with its Greeks per unit of underlying
 * (QuantLib conventions: vega per unit vol, theta per year) computed at the market IV of the session: these
 * are the Greeks the next session's PnL is attributed with.
 *
 * @param date              the session
 * @param ticker            underlying
 * @param tradeId           trade idea the position belongs to; 0 for hedges
 * @param role              trading leg, hedge option or underlying
 * @param contract          the option; null for the underlying
 * @param quantity          signed contracts (options) or units (underlying)
 * @param multiplier        units of underlying per contract (1 for the underlying)
 * @param spotUsd           underlying price
 * @param maturityYears     time to expiry, ACT/365F (0 for the underlying)
 * @param impliedVol        market IV of the session (decimal); NaN for the underlying
 * @param forecastIvNext    forecast IV for the next session at this contract (decimal); NaN when none
 * @param priceUsd          mark, USD per unit of underlying
 * @param delta             dV/dS per unit
 * @param gamma             d2V/dS2 per unit
 * @param vega              dV/dvol per unit, per unit vol
 * @param theta             dV/dt per unit, per year
 * @param earlyExerciseFlag true when an American option is deep in the money with no time value left
 */
public record PositionSnapshot(LocalDate date, String ticker, long tradeId, PositionRole role, ContractKey contract,
        double quantity, double multiplier, double spotUsd, double maturityYears, double impliedVol,
        double forecastIvNext, double priceUsd, double delta, double gamma, double vega, double theta,
        boolean earlyExerciseFlag) {

    /** Market value, USD. */
    public double marketValueUsd() {
        return quantity * multiplier * priceUsd;
    }

    /** Position delta in units of underlying. */
    public double positionDelta() {
        return quantity * multiplier * delta;
    }

    /** Position gamma in units of underlying per USD of spot. */
    public double positionGamma() {
        return quantity * multiplier * gamma;
    }

    /** Position vega, USD per unit vol (divide by 100 for USD per vol point). */
    public double positionVega() {
        return quantity * multiplier * vega;
    }

    /** Position theta, USD per year. */
    public double positionTheta() {
        return quantity * multiplier * theta;
    }
}
