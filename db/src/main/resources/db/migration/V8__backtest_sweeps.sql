-- Parameter sweeps: `backtest --sweep key=v1,v2 ...` runs the cartesian grid of settings as stored runs sharing
-- a sweep_id. The sweep keeps its grid and its base arguments so that `--resume-sweep ID` finishes the runs an
-- interrupted sweep did not (resuming failed ones, starting missing ones). sweep_summary is the contract view of
-- ARCHITECTURE.md: one row per run, its swept values, PnL, Sharpe, drawdown, daily PnL std, hedge cost and the
-- forecast error's share of the vega PnL.

create table backtest_sweeps (
    id          bigserial primary key,
    created_at  timestamptz not null default now(),
    grid        jsonb not null,
    base        jsonb not null
);

alter table backtest_runs add column sweep_id bigint references backtest_sweeps (id) on delete set null;
alter table backtest_runs add column sweep_settings jsonb;
create index backtest_runs_by_sweep on backtest_runs (sweep_id) where sweep_id is not null;

create view sweep_summary as
select r.sweep_id, r.id as run_id, r.sweep_settings as settings,
       case when r.status = 'running' and not backtest_run_owned(r.id) then 'failed' else r.status end as status,
       r.total_pnl, r.sharpe, r.max_drawdown,
       (select stddev_samp(d.total) from daily_pnl d where d.run_id = r.id) as daily_pnl_std,
       -- what hedging cost: commissions and spread of the underlying and hedge-option trades
       (select coalesce(sum(t.commission + t.spread_cost), 0) from trades t
         where t.run_id = r.id and t.role in ('UNDERLYING', 'HEDGE_OPTION')) as hedge_cost,
       -- the forecast error's share of the vega PnL: forecast_error / (|forecast_predicted| + |forecast_error|),
       -- signed by the error (-1: all vega PnL was a loss to forecast error; +1: a lucky gain)
       (r.summary -> 'evaluation' ->> 'forecastErrorPnl')::double precision
           / nullif(abs((r.summary -> 'evaluation' ->> 'forecastPredictedPnl')::double precision)
                    + abs((r.summary -> 'evaluation' ->> 'forecastErrorPnl')::double precision), 0)
           as forecast_error_share
from backtest_runs r
where r.sweep_id is not null;
