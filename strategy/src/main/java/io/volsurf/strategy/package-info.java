/**
 * Contract selection from forecasts, delta and delta-gamma hedging, sizing, execution costs, PnL attribution
 * and the deterministic backtest event loop ({@link io.volsurf.strategy.backtest.BacktestEngine}). See README.md.
 */
package io.volsurf.strategy;
