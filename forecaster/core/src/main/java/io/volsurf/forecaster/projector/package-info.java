/**
 * The no-arbitrage projector run at inference: butterfly repair of each tenor's SVI smile and calendar repair across
 * tenors, checked model-free on a fine grid, with violations before and after and the distance moved.
 */
package io.volsurf.forecaster.projector;
