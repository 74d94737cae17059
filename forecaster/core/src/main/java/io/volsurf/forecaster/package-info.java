/**
 * The surface core: ingest, forwards, implied vols, smiles, SVI, arbitrage checks, the canonical grid, features, the
 * projector, the baselines and the synthetic market. Plain Java without DJL or any framework; the DJL model and the
 * evaluation live in {@code forecaster-model} under the same package names.
 */
package io.volsurf.forecaster;
