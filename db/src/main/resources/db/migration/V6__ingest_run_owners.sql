-- Who owns a running ingest: the same scheme as backtest runs (V4__run_owners.sql). The ingest takes a
-- session-level advisory lock, pg_try_advisory_lock(1987013737, run id) (1987013737 is 'voli' in ASCII), on a
-- connection it keeps open until the run ends. A killed process, and a database that stops or restarts, drop
-- the lock with the connection, so a run still 'running' without it is abandoned.

create function ingest_run_owned(run bigint) returns boolean
language sql stable as $$
    select exists (
        select 1 from pg_locks l
        where l.locktype = 'advisory' and l.granted and l.objsubid = 2
          and l.database = (select oid from pg_database where datname = current_database())
          and l.classid = 1987013737::oid and l.objid = run::oid)
$$;

-- ingest_runs as users should read it: a run whose owner is gone is 'failed' with the reason in error.
create view ingest_run_summary as
select r.id as run_id, r.started_at, r.finished_at,
       case when r.status = 'running' and not ingest_run_owned(r.id) then 'failed' else r.status end as status,
       r.paths, r.files, r.files_failed, r.sessions, r.accepted, r.rejected, r.reject_reasons,
       coalesce(r.notes ->> 'error',
                case when r.status = 'running' and not ingest_run_owned(r.id)
                     then 'abandoned: its process or the database stopped before the run could record why' end)
           as error,
       r.notes
from ingest_runs r;
