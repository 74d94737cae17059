/**
 * The DJL spatiotemporal Transformer/Informer forecaster: pre-LN encoder blocks (temporal and cross-sectional masked
 * attention, ProbSparse in informer mode, gated fusion), the SVI head (constraint transform, residual on the base
 * smile) and grid head, the differentiable SVI layer, losses, the trainer and the model directory.
 * Entry points: {@link io.volsurf.forecaster.model.ForecastTrainer}, {@link io.volsurf.forecaster.model.ModelDirectory},
 * {@link io.volsurf.forecaster.model.TransformerForecaster}, {@link io.volsurf.forecaster.model.ForecasterConfig}.
 */
package io.volsurf.forecaster.model;
