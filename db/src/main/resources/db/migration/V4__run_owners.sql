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

-- Bulk writes: a foreign key checks every inserted row with a query of its own (a per-row trigger),
-- which was half the server's work in a COPY of backtest rows (DatabaseWriteCheck in bench). The
-- stores write these rows only in the transaction that also updates the parent row (the run's
-- last_session; the session row for quotes), which is what the keys checked; deleting the parent
-- still deletes its rows, by the triggers below instead of ON DELETE CASCADE.
alter table trades drop constraint trades_run_id_fkey;
alter table positions drop constraint positions_run_id_fkey;
alter table daily_pnl drop constraint daily_pnl_run_id_fkey;
alter table pnl_attribution drop constraint pnl_attribution_run_id_fkey;
alter table forecast_vs_realized drop constraint forecast_vs_realized_run;
alter table quotes drop constraint quotes_ticker_session_date_fkey;

create function backtest_run_delete_rows() returns trigger language plpgsql as $$
begin
    delete from trades where run_id = old.id;
    delete from positions where run_id = old.id;
    delete from daily_pnl where run_id = old.id;
    delete from pnl_attribution where run_id = old.id;
    delete from forecast_vs_realized where run_id = old.id;
    return old;
end
$$;
create trigger backtest_runs_delete_rows after delete on backtest_runs
    for each row execute function backtest_run_delete_rows();

create function session_delete_quotes() returns trigger language plpgsql as $$
begin
    delete from quotes where ticker = old.ticker and session_date = old.session_date;
    return old;
end
$$;
create trigger sessions_delete_quotes after delete on sessions
    for each row execute function session_delete_quotes();
