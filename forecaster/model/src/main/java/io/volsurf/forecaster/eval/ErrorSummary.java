package io.volsurf.forecaster.eval;

import java.util.List;

/**
 * Forecast errors of one forecaster on the next sessions' observed cells.
 *
 * @param rmseVolPoints     RMSE of implied vol in vol points (1.0 = 0.01 implied vol)
 * @param rmseTotalVariance RMSE of total variance (years x vol^2)
 * @param mape              mean absolute percentage error of implied vol, in percent
 * @param cells             number of scored cells
 * @param byTenor           RMSE per tenor
 * @param byMoneyness       RMSE per moneyness knot
 * @param pricing           the next sessions' listed options priced at the forecast; null when the evaluation
 *                          had no option quotes
 */
public record ErrorSummary(double rmseVolPoints, double rmseTotalVariance, double mape, long cells,
        List<BucketError> byTenor, List<BucketError> byMoneyness, OptionPricingError pricing) {
}
