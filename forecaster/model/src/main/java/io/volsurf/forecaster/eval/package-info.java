/**
 * Forecast evaluation on the next sessions' observed cells: RMSE in vol points and total variance, MAPE, per tenor
 * and moneyness, Diebold-Mariano with the Harvey small-sample correction, and the {@code evaluate --json} report.
 */
package io.volsurf.forecaster.eval;
