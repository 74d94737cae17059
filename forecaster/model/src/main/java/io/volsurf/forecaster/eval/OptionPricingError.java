package io.volsurf.forecaster.eval;

/**
 * How a forecast prices the listed options of the session it is for: each out-of-the-money option inside the
 * forecast's grid (no extrapolation in tenor or moneyness) is priced with Black at the forecast vol, the
 * session's realised forward and discount, against its market price.
 *
 * @param options           options priced
 * @param rmseUsd           RMSE of model price minus market price, USD per unit of underlying (per share, per
 *                          coin): dominated by the dearest underlyings when tickers are pooled
 * @param maeBpOfForward    mean absolute price error in basis points of the forward: comparable across
 *                          underlyings
 * @param withSpread        options that had a bid and an ask
 * @param shareInsideBidAsk share of those whose model price lies within [bid, ask]; null when none had a spread
 *                          (the US data has last prices only)
 */
public record OptionPricingError(long options, double rmseUsd, double maeBpOfForward, long withSpread,
        Double shareInsideBidAsk) {
}
