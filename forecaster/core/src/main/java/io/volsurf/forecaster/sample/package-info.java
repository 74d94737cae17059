/**
 * What forecasters consume: per-ticker windows of canonical surfaces with session features
 * ({@link io.volsurf.forecaster.sample.SurfaceHistory}), supervised pairs, per-ticker normalisation, and
 * reading a session's surface at any maturity through its listed-expiry SVI slices.
 */
package io.volsurf.forecaster.sample;
