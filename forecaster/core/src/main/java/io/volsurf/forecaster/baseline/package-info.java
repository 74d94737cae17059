/**
 * Baselines every model is reported beside, behind one interface ({@link io.volsurf.forecaster.baseline.SurfaceForecaster}):
 * carry-forward at fixed tenor, sticky-expiry carry-forward, carry-forward plus mean-reverting drift (AR(1)), and a
 * pooled ridge regression on the model's inputs.
 */
package io.volsurf.forecaster.baseline;
