-- Who owns a running backtest. The runner takes a session-level advisory lock on the run,
-- pg_try_advisory_lock(1987013747, run id) (1987013747 is 'vols' in ASCII), on a connection it keeps
-- open until the run ends. A process that dies, and a database that stops or restarts, drop the
-- lock with the connection, so a run still 'running' without it is abandoned: it can no longer
-- record its own failure, and the views and `report` treat it as failed. No clock or heartbeat
-- threshold is involved, and it holds across hosts since the lock lives in the server.

create function backtest_run_owned(run bigint) returns boolean
language sql stable as $$
    select exists (
        select 1 from pg_locks l
        where l.locktype = 'advisory' and l.granted and l.objsubid = 2
          and l.database = (select oid from pg_database where datname = current_database())
          and l.classid = 1987013747::oid and l.objid = run::oid)
$$;

create or replace view run_summary as
select r.id as run_id, r.strategy, r.ticker, r.started_at,
       case when r.status = 'running' and not backtest_run_owned(r.id) then 'failed' else r.status end as status,
       r.sessions, r.total_pnl, r.sharpe, r.max_drawdown, r.hedge_error_std, r.turnover,
       r.model_id, r.from_date, r.to_date, r.last_session,
       case when r.status = 'running' and not backtest_run_owned(r.id)
            then coalesce(r.error, 'abandoned: its process or the database stopped before the run could record why')
            else r.error end as error
from backtest_runs r;
