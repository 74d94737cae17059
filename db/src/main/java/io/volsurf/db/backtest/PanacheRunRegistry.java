package io.volsurf.db.backtest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.volsurf.db.entity.BacktestRunEntity;
import io.volsurf.db.entity.BacktestSweepEntity;
import io.volsurf.strategy.backtest.BacktestSummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The run and sweep registry through Panache entities. Each call is its own transaction: sweep threads and the
 * session loop call it outside any transaction of theirs.
 */
@ApplicationScoped
public class PanacheRunRegistry implements RunRegistry {

    @Override
    public long createSweep(String gridJson, String baseJson) {
        return QuarkusTransaction.requiringNew().call(() -> {
            BacktestSweepEntity s = new BacktestSweepEntity();
            s.grid = gridJson;
            s.base = baseJson;
            s.persist();
            return s.id;
        });
    }

    @Override
    public Optional<BacktestStore.SweepState> sweep(long id) {
        return QuarkusTransaction.requiringNew().call(() -> BacktestSweepEntity.<BacktestSweepEntity>findByIdOptional(id)
                .map(s -> new BacktestStore.SweepState(s.id, s.grid, s.base)));
    }

    @Override
    public List<BacktestStore.SweepRun> sweepRuns(long sweepId) {
        return QuarkusTransaction.requiringNew().call(() -> BacktestRunEntity.ofSweep(sweepId).stream()
                .map(r -> new BacktestStore.SweepRun(r.id, r.sweepSettings, r.status)).toList());
    }

    @Override
    public BacktestStore.RunTotals totals(long runId) {
        BacktestRunEntity r = find(runId).orElseThrow(() -> new IllegalArgumentException("no such run " + runId));
        return new BacktestStore.RunTotals(r.totalPnl, r.sharpe, r.maxDrawdown);
    }

    @Override
    public Optional<BacktestStore.RunState> run(long id) {
        return find(id).map(r -> new BacktestStore.RunState(r.id, r.strategy, r.ticker, r.modelId, r.fromDate,
                r.toDate, r.config, r.status, r.lastSession, r.modelDir));
    }

    @Override
    public void complete(long runId, BacktestSummary s, String summaryJson) {
        QuarkusTransaction.requiringNew().run(() -> {
            BacktestRunEntity r = existing(runId);
            r.status = "completed";
            r.finishedAt = OffsetDateTime.now();
            r.sessions = s.sessions();
            r.totalPnl = finite(s.totalPnl());
            r.sharpe = finite(s.sharpe());
            r.maxDrawdown = finite(s.maxDrawdown());
            r.hedgeErrorStd = finite(s.hedgeErrorStd());
            r.turnover = finite(s.turnoverUsd());
            r.summary = summaryJson;
        });
    }

    @Override
    public void fail(long runId, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            BacktestRunEntity r = existing(runId);
            r.status = "failed";
            r.finishedAt = OffsetDateTime.now();
            r.error = error;
        });
    }

    private static Optional<BacktestRunEntity> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> BacktestRunEntity.<BacktestRunEntity>findByIdOptional(id));
    }

    private static BacktestRunEntity existing(long runId) {
        BacktestRunEntity r = BacktestRunEntity.findById(runId);
        if (r == null) {
            throw new IllegalStateException("backtest run " + runId + " does not exist (deleted?)");
        }
        return r;
    }

    /** NaN and infinities are stored as NULL, as the JDBC path does. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
