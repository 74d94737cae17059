package io.volsurf.strategy.backtest;

import io.volsurf.strategy.market.ForecastView;
import io.volsurf.strategy.market.MarketSession;

/**
 * What the event loop reads for one session: the market at the close of t and the forecast for t+1 made
 * from data up to that close.
 *
 * @param market   session t
 * @param forecast forecast for the next session; null when none (no entries, "no change" in attribution)
 */
public record SessionInput(MarketSession market, ForecastView forecast) {
    public SessionInput {
        if (market == null) {
            throw new IllegalArgumentException("market is required");
        }
        if (forecast != null && !forecast.forecastFor().isAfter(market.session())) {
            throw new IllegalArgumentException("forecast.forecastFor (" + forecast.forecastFor()
                    + ") must be after the session " + market.session() + " for " + market.ticker());
        }
    }
}
