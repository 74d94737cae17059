-- Every run keeps its full effective strategy configuration in backtest_runs.config (jsonb, one flat object
-- keyed by the `backtest --set` keys, e.g. config->>'threshold_vol_points') and now also the model directory it
-- ran with, so that `backtest --resume N` alone runs with exactly the stored run's ticker, period, model and
-- settings. run_summary gains the main settings at its end (the view's existing columns keep their order).

alter table backtest_runs add column model_dir text;

-- Runs stored before this migration wrote the config in the record's camelCase form (halfSpread nested);
-- both forms are read, so the view looks up either.
create function backtest_config_value(config jsonb, snake text, camel text) returns text
language sql immutable as $$
    select coalesce(config ->> snake, config ->> camel)
$$;

create or replace view run_summary as
select r.id as run_id, r.strategy, r.ticker, r.started_at,
       case when r.status = 'running' and not backtest_run_owned(r.id) then 'failed' else r.status end as status,
       r.sessions, r.total_pnl, r.sharpe, r.max_drawdown, r.hedge_error_std, r.turnover,
       r.model_id, r.from_date, r.to_date, r.last_session,
       case when r.status = 'running' and not backtest_run_owned(r.id)
            then coalesce(r.error, 'abandoned: its process or the database stopped before the run could record why')
            else r.error end as error,
       -- appended by V7
       backtest_config_value(r.config, 'threshold_vol_points', 'thresholdVolPoints')::double precision
           as threshold_vol_points,
       lower(backtest_config_value(r.config, 'hedge_mode', 'hedgeMode')) as hedge_mode,
       lower(backtest_config_value(r.config, 'hedge_vol_source', 'hedgeVolSource')) as hedge_vol_source,
       lower(backtest_config_value(r.config, 'instrument', 'instrument')) as instrument,
       -- where fills came from: the quotes' bid/ask, the assumed half-spread (said so), or both
       case when coalesce((r.summary ->> 'fillsAssumed')::bigint, 0) > 0
                 and coalesce((r.summary ->> 'fillsQuoted')::bigint, 0) > 0 then 'quoted+assumed'
            when coalesce((r.summary ->> 'fillsAssumed')::bigint, 0) > 0 then 'assumed'
            when coalesce((r.summary ->> 'fillsQuoted')::bigint, 0) > 0 then 'quoted'
            end as half_spread_source,
       coalesce(r.config ->> 'half_spread.fraction_of_price', r.config -> 'halfSpread' ->> 'fractionOfPrice')::double precision
           as half_spread_fraction,
       lower(r.config ->> 'exercise_style') as exercise_style,
       lower(backtest_config_value(r.config, 'american_pricing', 'americanPricing')) as american_pricing,
       lower(r.config ->> 'american_engine') as american_engine,
       lower(backtest_config_value(r.config, 'early_exercise', 'earlyExercise')) as early_exercise,
       r.model_dir
from backtest_runs r;
