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
       r.model_dir,
       -- where the PnL came from (completed runs; from the stored summary): the Greek split of the book's
       -- mark-to-market, vega split into what the forecast predicted and its error, what trading cost, and the
       -- rest of the fills against marks (exercise and settlement at intrinsic). delta + gamma + theta
       -- + vega_predicted_pnl + vega_forecast_error_pnl + residual_pnl - costs + other_trading_pnl = total_pnl.
       (r.summary ->> 'deltaPnl')::double precision as delta_pnl,
       (r.summary ->> 'gammaPnl')::double precision as gamma_pnl,
       (r.summary ->> 'thetaPnl')::double precision as theta_pnl,
       (r.summary -> 'evaluation' ->> 'forecastPredictedPnl')::double precision as vega_predicted_pnl,
       (r.summary -> 'evaluation' ->> 'forecastErrorPnl')::double precision as vega_forecast_error_pnl,
       (r.summary ->> 'residualPnl')::double precision as residual_pnl,
       (r.summary ->> 'commissionsUsd')::double precision + (r.summary ->> 'spreadCostUsd')::double precision as costs,
       coalesce((r.summary ->> 'fillsAssumed')::bigint, 0) > 0 as costs_assumed,
       r.total_pnl - ((r.summary ->> 'deltaPnl')::double precision + (r.summary ->> 'gammaPnl')::double precision
           + (r.summary ->> 'vegaPnl')::double precision + (r.summary ->> 'thetaPnl')::double precision
           + (r.summary ->> 'residualPnl')::double precision)
           + (r.summary ->> 'commissionsUsd')::double precision + (r.summary ->> 'spreadCostUsd')::double precision
           as other_trading_pnl,
       -- forecast skill on the run's own held contracts: forecast vs realised IV against carry-forward (the
       -- contract's IV at the forecast's close), vol points; a ratio below 1 is skill, above 1 is none
       (r.summary -> 'evaluation' ->> 'contractsCompared')::bigint as forecast_contracts,
       (r.summary -> 'evaluation' ->> 'rmseVolPoints')::double precision as forecast_rmse_vol_points,
       (r.summary -> 'evaluation' ->> 'carryForwardRmseVolPoints')::double precision as carry_forward_rmse_vol_points
from backtest_runs r;
