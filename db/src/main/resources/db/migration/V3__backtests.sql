-- Backtest runs and everything they log, session by session. A run's rows for one session are
-- written in one transaction together with runs.last_session, so a failed run can be resumed
-- after its last complete session without duplicates.

create table backtest_runs (
    id               bigserial primary key,
    strategy         text not null,
    ticker           text not null,
    model_id         text,
    from_date        date not null,
    to_date          date not null,
    config           jsonb not null,
    config_hash      text not null,
    code_version     text not null,
    status           text not null default 'running' check (status in ('running', 'completed', 'failed')),
    started_at       timestamptz not null default now(),
    finished_at      timestamptz,
    heartbeat_at     timestamptz not null default now(),
    error            text,
    last_session     date,
    sessions         integer,
    total_pnl        double precision,
    sharpe           double precision,
    max_drawdown     double precision,
    hedge_error_std  double precision,
    turnover         double precision,
    summary          jsonb
);

create table trades (
    run_id           bigint not null references backtest_runs (id) on delete cascade,
    session_date     date not null,
    trade_id         bigint not null,
    role             text not null,
    expiry           date,
    strike           double precision,
    option_type      char(1),
    quantity         double precision not null,
    price            double precision not null,
    reference_price  double precision,
    multiplier       double precision not null,
    commission       double precision not null,
    spread_cost      double precision not null,
    fill_source      text not null,
    reason           text not null
);
create index trades_by_run on trades (run_id, session_date);

create table positions (
    run_id              bigint not null references backtest_runs (id) on delete cascade,
    session_date        date not null,
    trade_id            bigint not null,
    role                text not null,
    expiry              date,
    strike              double precision,
    option_type         char(1),
    quantity            double precision not null,
    multiplier          double precision not null,
    spot                double precision not null,
    maturity_years      double precision,
    implied_vol         double precision,
    forecast_iv_next    double precision,
    price               double precision,
    delta               double precision,
    gamma               double precision,
    vega                double precision,
    theta               double precision,
    early_exercise_flag boolean not null default false
);
create index positions_by_run on positions (run_id, session_date);

create table daily_pnl (
    run_id            bigint not null references backtest_runs (id) on delete cascade,
    session_date      date not null,
    total             double precision not null,
    mark_to_market    double precision,
    trading           double precision,
    trading_book      double precision,
    hedge             double precision,
    commissions       double precision,
    spread_cost       double precision,
    cumulative        double precision not null,
    portfolio_value   double precision,
    cash              double precision,
    delta             double precision,
    gamma             double precision,
    vega              double precision,
    theta             double precision,
    trades            integer,
    open_trades       integer,
    primary key (run_id, session_date)
);

-- scope POSITION: one row per position; PORTFOLIO: the book (sum of the position rows).
-- delta + gamma + vega + theta + residual = total; forecast_predicted + forecast_error = vega.
create table pnl_attribution (
    run_id              bigint not null references backtest_runs (id) on delete cascade,
    session_date        date not null,
    scope               text not null check (scope in ('POSITION', 'PORTFOLIO')),
    trade_id            bigint,
    role                text,
    expiry              date,
    strike              double precision,
    option_type         char(1),
    total               double precision not null,
    delta               double precision not null,
    gamma               double precision not null,
    vega                double precision not null,
    theta               double precision not null,
    residual            double precision not null,
    forecast_predicted  double precision not null,
    forecast_error      double precision not null
);
create index pnl_attribution_by_run on pnl_attribution (run_id, session_date);

alter table forecast_vs_realized add constraint forecast_vs_realized_run
    foreign key (run_id) references backtest_runs (id) on delete cascade;

create view run_summary as
select r.id as run_id, r.strategy, r.ticker, r.started_at,
       case when r.status = 'running' and r.heartbeat_at < now() - interval '10 minutes' then 'failed'
            else r.status end as status,
       r.sessions, r.total_pnl, r.sharpe, r.max_drawdown, r.hedge_error_std, r.turnover,
       r.model_id, r.from_date, r.to_date, r.last_session, r.error
from backtest_runs r;

create view pnl_attribution_daily as
select run_id, session_date, total, delta, gamma, vega, theta, residual, forecast_predicted, forecast_error
from pnl_attribution
where scope = 'PORTFOLIO';
