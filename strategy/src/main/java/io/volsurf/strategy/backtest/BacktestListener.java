package io.volsurf.strategy.backtest;

import io.volsurf.strategy.result.SessionResult;

/**
 * Receives a backtest's results as they come, one call per session in session order, so they can be
 * written in batches per session and a failed run resumed after its last written session.
 */
@FunctionalInterface
public interface BacktestListener {
    /** One session's results. An exception thrown here stops the run and propagates to the caller. */
    void onSession(SessionResult result);

    /** A listener that discards everything (summary-only runs, benchmarks). */
    static BacktestListener ignoring() {
        return r -> { };
    }
}
