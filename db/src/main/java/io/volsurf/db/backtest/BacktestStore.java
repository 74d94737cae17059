package io.volsurf.db.backtest;

import io.volsurf.db.jdbc.CopyRows;
import io.volsurf.db.jdbc.NullableDouble;
import io.volsurf.db.jdbc.RunOwnerLock;
import io.volsurf.db.jdbc.Transactions;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.strategy.backtest.BacktestSummary;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.result.DailyPnl;
import io.volsurf.strategy.result.ForecastScope;
import io.volsurf.strategy.result.ForecastVsRealized;
import io.volsurf.strategy.result.PnlAttribution;
import io.volsurf.strategy.result.PositionSnapshot;
import io.volsurf.strategy.result.SessionResult;
import io.volsurf.strategy.result.Trade;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Backtest runs in PostgreSQL. Each session's rows go in one transaction with the run's
 * {@code last_session}, so a run that fails part-way can be resumed after its last complete
 * session, and re-running that session never duplicates a row. A running run is owned by its process
 * through a {@link RunOwnerLock}; one whose owner is gone counts as failed.
 */
public final class BacktestStore implements RunRegistry {

    private final DataSource dataSource;
    private final Transactions tx;

    public BacktestStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    /** A stored run's identity and progress. */
    /**
     * @param modelDir the model directory the run used, as given when it started; null for runs stored before V7
     */
    public record RunState(long id, String strategy, String ticker, String modelId, LocalDate from, LocalDate to,
            String configJson, String status, LocalDate lastSession, String modelDir) {
    }

    /** The advisory lock's first key ('vols' in ASCII); the second is the run id. */
    static final int OWNER_LOCK_CLASS = 1987013747;

    private static final String ABANDONED = "abandoned: its process or the database stopped before the run could "
            + "record why";

    /** Creates a run, owned by the returned claim from before it becomes visible. */
    public RunOwnerLock startRun(String strategy, String ticker, String modelId, LocalDate from, LocalDate to,
            String configJson, String configHash, String codeVersion) {
        return startRun(strategy, ticker, modelId, null, from, to, configJson, configHash, codeVersion);
    }

    /**
     * Creates a run, owned by the returned claim from before it becomes visible.
     *
     * @param modelDir   the model directory (kept so that a resume needs no arguments); may be null
     * @param configJson the full effective configuration (jsonb)
     */
    public RunOwnerLock startRun(String strategy, String ticker, String modelId, String modelDir, LocalDate from,
            LocalDate to, String configJson, String configHash, String codeVersion) {
        return startRun(strategy, ticker, modelId, modelDir, from, to, configJson, configHash, codeVersion, null, null);
    }

    /**
     * Creates a run, owned by the returned claim from before it becomes visible.
     *
     * @param sweepId           the sweep the run belongs to; null for a run of its own
     * @param sweepSettingsJson the run's point of the sweep's grid (jsonb object); null outside a sweep
     */
    public RunOwnerLock startRun(String strategy, String ticker, String modelId, String modelDir, LocalDate from,
            LocalDate to, String configJson, String configHash, String codeVersion, Long sweepId,
            String sweepSettingsJson) {
        Connection c = RunOwnerLock.ownerConnection(dataSource);
        try {
            long id = RunOwnerLock.nextId(c, "backtest_runs_id_seq");
            RunOwnerLock lock = RunOwnerLock.tryHold(c, OWNER_LOCK_CLASS, id);
            if (lock == null) {
                throw new IllegalStateException("run " + id + " is locked by another process");
            }
            try (PreparedStatement ps = c.prepareStatement("insert into backtest_runs (id, strategy, ticker, model_id, "
                    + "from_date, to_date, config, config_hash, code_version, model_dir, sweep_id, sweep_settings) "
                    + "values (?,?,?,?,?,?,?::jsonb,?,?,?,?,?::jsonb)")) {
                ps.setLong(1, id);
                ps.setString(2, strategy);
                ps.setString(3, ticker);
                ps.setString(4, modelId);
                ps.setObject(5, from);
                ps.setObject(6, to);
                ps.setString(7, configJson);
                ps.setString(8, configHash);
                ps.setString(9, codeVersion);
                ps.setString(10, modelDir);
                ps.setObject(11, sweepId, java.sql.Types.BIGINT);
                ps.setString(12, sweepSettingsJson);
                ps.executeUpdate();
            }
            return lock;
        } catch (SQLException | RuntimeException e) {
            RunOwnerLock.closeQuietly(c);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /**
     * Takes over a stored run that no live process owns (to resume it).
     *
     * @throws IllegalStateException when another process still runs it
     */
    public RunOwnerLock claim(long runId) {
        Connection c = RunOwnerLock.ownerConnection(dataSource);
        try {
            RunOwnerLock lock = RunOwnerLock.tryHold(c, OWNER_LOCK_CLASS, runId);
            if (lock == null) {
                throw new IllegalStateException("run " + runId + " is still running in another process (it holds "
                        + "the run's lock); wait for it to finish or stop it first");
            }
            return lock;
        } catch (SQLException | RuntimeException e) {
            RunOwnerLock.closeQuietly(c);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /**
     * Marks failed every run left 'running' by a process that is gone (no one holds its lock), so the
     * stored status says what {@code run_summary} shows; returns their ids.
     */
    public List<Long> failAbandoned() {
        return tx.inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("update backtest_runs set status = 'failed', "
                    + "finished_at = now(), error = coalesce(error, ?) "
                    + "where status = 'running' and not backtest_run_owned(id) returning id")) {
                ps.setString(1, ABANDONED);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** A stored sweep: its grid and base arguments (JSON, as the runner wrote them). */
    public record SweepState(long id, String gridJson, String baseJson) {
    }

    /** A run of a sweep: its grid point (JSON) and stored status ('failed' where its owner is gone). */
    public record SweepRun(long runId, String settingsJson, String status) {
    }

    @Override
    public long createSweep(String gridJson, String baseJson) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into backtest_sweeps (grid, base) values (?::jsonb, ?::jsonb) returning id")) {
                ps.setString(1, gridJson);
                ps.setString(2, baseJson);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<SweepState> sweep(long id) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, grid::text, base::text from backtest_sweeps where id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new SweepState(rs.getLong(1), rs.getString(2), rs.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The runs of a sweep, oldest first. */
    @Override
    public List<SweepRun> sweepRuns(long sweepId) {
        return tx.inTransaction(c -> {
            List<SweepRun> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select run_id, settings::text, status from sweep_summary "
                    + "where sweep_id = ? order by run_id")) {
                ps.setLong(1, sweepId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SweepRun(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    /** A completed run's headline figures. */
    public record RunTotals(Double totalPnl, Double sharpe, Double maxDrawdown) {
    }

    @Override
    public RunTotals totals(long runId) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select total_pnl, sharpe, max_drawdown from backtest_runs where id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no such run " + runId);
                    }
                    return new RunTotals(rs.getObject(1, Double.class), rs.getObject(2, Double.class),
                            rs.getObject(3, Double.class));
                }
            }
        });
    }

    @Override
    public Optional<RunState> run(long id) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id, strategy, ticker, model_id, from_date, to_date, "
                    + "config::text, status, last_session, model_dir from backtest_runs where id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RunState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7),
                            rs.getString(8), rs.getObject(9, LocalDate.class), rs.getString(10)));
                }
            }
        });
    }

    /** Marks a run to be resumed: running again, rows after its last complete session removed. */
    public void reopen(long id) {
        tx.inTransaction(c -> {
            LocalDate last;
            try (PreparedStatement ps = c.prepareStatement("select last_session from backtest_runs where id = ? for update")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    last = rs.getObject(1, LocalDate.class);
                }
            }
            for (String table : new String[] {"trades", "positions", "daily_pnl", "pnl_attribution", "forecast_vs_realized"}) {
                String date = table.equals("forecast_vs_realized") ? "forecast_for" : "session_date";
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where run_id = ?"
                        + (last == null ? "" : " and " + date + " > ?"))) {
                    ps.setLong(1, id);
                    if (last != null) {
                        ps.setObject(2, last);
                    }
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update backtest_runs set status = 'running', error = null, "
                    + "finished_at = null, heartbeat_at = now() where id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Stores one session's results and advances the run's {@code last_session}, atomically. */
    public void saveSession(long runId, String modelId, SessionResult r) {
        tx.inTransaction(c -> {
            // First, so that the run's row is locked (no delete until commit) and known to exist: the
            // check the result tables' foreign keys made row by row (see V4__run_owners.sql).
            try (PreparedStatement ps = c.prepareStatement(
                    "update backtest_runs set last_session = ?, heartbeat_at = now() where id = ?")) {
                ps.setObject(1, r.date());
                ps.setLong(2, runId);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("backtest run " + runId + " does not exist (deleted?)");
                }
            }
            copyTrades(c, runId, r);
            copyPositions(c, runId, r);
            insertDaily(c, runId, r.dailyPnl());
            copyAttribution(c, runId, r);
            copyForecasts(c, runId, modelId, r);
            return null;
        });
    }

    @Override
    public void complete(long runId, BacktestSummary s, String summaryJson) {
        tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update backtest_runs set status = 'completed', "
                    + "finished_at = now(), sessions = ?, total_pnl = ?, sharpe = ?, max_drawdown = ?, "
                    + "hedge_error_std = ?, turnover = ?, summary = ?::jsonb where id = ?")) {
                ps.setInt(1, s.sessions());
                NullableDouble.set(ps, 2, s.totalPnl());
                NullableDouble.set(ps, 3, s.sharpe());
                NullableDouble.set(ps, 4, s.maxDrawdown());
                NullableDouble.set(ps, 5, s.hedgeErrorStd());
                NullableDouble.set(ps, 6, s.turnoverUsd());
                ps.setString(7, summaryJson);
                ps.setLong(8, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Marks a run failed with its cause. A database that is gone cannot take this; the run stays
     * 'running' without an owner, which {@code run_summary} shows and {@link #failAbandoned()} marks failed.
     */
    @Override
    public void fail(long runId, String error) {
        tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update backtest_runs set status = 'failed', "
                    + "finished_at = now(), error = ? where id = ?")) {
                ps.setString(1, error);
                ps.setLong(2, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void copyTrades(Connection c, long runId, SessionResult r) throws SQLException {
        CopyRows.copy(c, "trades (run_id, session_date, trade_id, role, expiry, strike, option_type, quantity, price, "
                + "reference_price, multiplier, commission, spread_cost, fill_source, reason)", rows -> {
                    for (Trade t : r.trades()) {
                        rows.add(runId).add(t.date()).add(t.tradeId()).add(t.role().name());
                        contract(rows, t.contract());
                        rows.add(t.quantity()).add(t.priceUsd()).add(t.referencePriceUsd()).add(t.multiplier())
                                .add(t.commissionUsd()).add(t.spreadCostUsd()).add(t.fillSource().name())
                                .add(t.reason().name()).endRow();
                    }
                });
    }

    private static void copyPositions(Connection c, long runId, SessionResult r) throws SQLException {
        CopyRows.copy(c, "positions (run_id, session_date, trade_id, role, expiry, strike, option_type, quantity, "
                + "multiplier, spot, maturity_years, implied_vol, forecast_iv_next, price, delta, gamma, vega, theta, "
                + "early_exercise_flag)", rows -> {
                    for (PositionSnapshot p : r.positions()) {
                        rows.add(runId).add(p.date()).add(p.tradeId()).add(p.role().name());
                        contract(rows, p.contract());
                        rows.add(p.quantity()).add(p.multiplier()).add(p.spotUsd()).add(p.maturityYears())
                                .add(p.impliedVol()).add(p.forecastIvNext()).add(p.priceUsd()).add(p.delta())
                                .add(p.gamma()).add(p.vega()).add(p.theta()).add(p.earlyExerciseFlag()).endRow();
                    }
                });
    }

    private static void insertDaily(Connection c, long runId, DailyPnl d) throws SQLException {
        CopyRows.copy(c, "daily_pnl (run_id, session_date, total, mark_to_market, trading, trading_book, hedge, "
                + "commissions, spread_cost, cumulative, portfolio_value, cash, delta, gamma, vega, theta, trades, "
                + "open_trades)", rows -> rows.add(runId).add(d.date()).add(d.totalPnl()).add(d.markToMarketPnl())
                        .add(d.tradingPnl()).add(d.tradingBookPnl()).add(d.hedgePnl()).add(d.commissionsUsd())
                        .add(d.spreadCostUsd()).add(d.cumulativePnl()).add(d.portfolioValueUsd()).add(d.cashUsd())
                        .add(d.portfolioDelta()).add(d.portfolioGamma()).add(d.portfolioVega())
                        .add(d.portfolioTheta()).add(d.trades()).add(d.openTrades()).endRow());
    }

    private static void copyAttribution(Connection c, long runId, SessionResult r) throws SQLException {
        CopyRows.copy(c, "pnl_attribution (run_id, session_date, scope, trade_id, role, expiry, strike, option_type, "
                + "total, delta, gamma, vega, theta, residual, forecast_predicted, forecast_error)", rows -> {
                    for (PnlAttribution a : r.attributions()) {
                        rows.add(runId).add(a.date()).add(a.scope().name());
                        if (a.role() == null) {
                            rows.add((String) null).add((String) null);
                        } else {
                            rows.add(a.tradeId()).add(a.role().name());
                        }
                        contract(rows, a.contract());
                        rows.add(a.total()).add(a.delta()).add(a.gamma()).add(a.vega()).add(a.theta())
                                .add(a.residual()).add(a.forecastPredicted()).add(a.forecastError()).endRow();
                    }
                });
    }

    private static void copyForecasts(Connection c, long runId, String modelId, SessionResult r) throws SQLException {
        CopyRows.copy(c, "forecast_vs_realized (model_id, run_id, kind, ticker, as_of_date, forecast_for, tenor_days, "
                + "log_moneyness, expiry, strike, forecast_iv, realized_iv, market_iv)", rows -> {
                    for (ForecastVsRealized f : r.forecastVsRealized()) {
                        boolean contract = f.scope() == ForecastScope.CONTRACT && f.contract() != null;
                        rows.add(modelId == null ? "none" : modelId).add(runId).add(contract ? "contract" : "cell")
                                .add(f.ticker()).add(f.forecastMadeOn()).add(f.date())
                                .add(f.tenorDays() > 0 ? f.tenorDays() : f.maturityYears() * 365).add(f.logMoneyness());
                        if (contract) {
                            rows.add(f.contract().expiry()).add(f.contract().strike());
                        } else {
                            rows.add((LocalDate) null).add(Double.NaN);
                        }
                        rows.add(f.forecastIv()).add(f.realizedIv()).add(f.marketIvAtForecast()).endRow();
                    }
                });
    }

    private static void contract(CopyRows rows, ContractKey k) {
        if (k == null) {
            rows.add((LocalDate) null).add(Double.NaN).add((String) null);
        } else {
            rows.add(k.expiry()).add(k.strike()).add(k.type() == OptionType.CALL ? "C" : "P");
        }
    }

}
