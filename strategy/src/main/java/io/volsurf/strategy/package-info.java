/** Contract selection from forecasts, delta and delta-gamma hedging, sizing and execution costs. */
package io.volsurf.strategy;
