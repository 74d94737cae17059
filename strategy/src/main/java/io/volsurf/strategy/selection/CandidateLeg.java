package io.volsurf.strategy.selection;

import io.volsurf.greeks.Greeks;
import io.volsurf.strategy.market.OptionMark;

/**
 * One contract of a candidate trade, as seen at the decision.
 *
 * @param mark          the market (price, IV at t)
 * @param greeks        Greeks per unit of underlying at the market IV
 * @param forecastIv    forecast IV for t+1 (decimal)
 * @param halfSpreadUsd half bid-ask spread, USD per unit: quoted where bid and ask exist, else assumed
 */
public record CandidateLeg(OptionMark mark, Greeks greeks, double forecastIv, double halfSpreadUsd) {
}
