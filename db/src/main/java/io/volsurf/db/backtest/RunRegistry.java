package io.volsurf.db.backtest;

import io.volsurf.strategy.backtest.BacktestSummary;
import java.util.List;
import java.util.Optional;

/**
 * The run and sweep registry: small rows read and written one at a time (a run's identity, settings, status and
 * headline figures; a sweep's grid). The application's is {@link PanacheRunRegistry} (Hibernate ORM with Panache,
 * on the schema Flyway owns); {@link BacktestStore} answers the same on a bare {@link javax.sql.DataSource} (tools
 * and tests that run outside Quarkus). A run's session rows are bulk data and stay with {@link BacktestStore}'s COPY.
 */
public interface RunRegistry {

    /** Records a sweep's grid and base arguments (JSON); returns its id. */
    long createSweep(String gridJson, String baseJson);

    Optional<BacktestStore.SweepState> sweep(long id);

    /** The runs of a sweep, oldest first, with their stored status. */
    List<BacktestStore.SweepRun> sweepRuns(long sweepId);

    /** A run's headline figures; throws IllegalArgumentException for an unknown run. */
    BacktestStore.RunTotals totals(long runId);

    Optional<BacktestStore.RunState> run(long id);

    /** Marks a run completed with its summary (JSON) and headline figures. */
    void complete(long runId, BacktestSummary s, String summaryJson);

    /** Marks a run failed with its cause. */
    void fail(long runId, String error);
}
