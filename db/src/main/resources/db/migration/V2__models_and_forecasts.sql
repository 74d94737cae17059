-- Trained models, their forecasts, and forecast-vs-realised IV for diagnostics.

create table models (
    id            text primary key,
    created_at    timestamptz not null default now(),
    model_dir     text not null,
    config        jsonb not null,
    tickers       text[] not null,
    train_from    date,
    train_to      date,
    metrics       jsonb not null default '{}'::jsonb
);

create table evaluations (
    id            bigserial primary key,
    model_id      text not null references models (id) on delete cascade,
    created_at    timestamptz not null default now(),
    tickers       text[] not null,
    from_date     date not null,
    to_date       date not null,
    report        jsonb not null
);

-- kind = 'cell' (a canonical grid cell, from evaluate) or 'contract' (a traded option, from backtest).
create table forecast_vs_realized (
    id               bigserial primary key,
    model_id         text not null,
    evaluation_id    bigint references evaluations (id) on delete cascade,
    run_id           bigint,
    kind             text not null check (kind in ('cell', 'contract')),
    ticker           text not null,
    as_of_date       date not null,
    forecast_for     date not null,
    tenor_days       double precision not null,
    log_moneyness    double precision not null,
    expiry           date,
    strike           double precision,
    forecast_iv      double precision not null,
    realized_iv      double precision not null,
    market_iv        double precision,
    error_vol_points double precision generated always as (100 * (forecast_iv - realized_iv)) stored
);
create index forecast_vs_realized_by_model on forecast_vs_realized (model_id, ticker);
create index forecast_vs_realized_by_run on forecast_vs_realized (run_id);

-- Buckets a researcher reads the error by: tenor (days) and moneyness (k / sqrt(T), roughly in ATM units).
create view forecast_error_by_bucket as
select model_id,
       ticker,
       case when tenor_days <= 10 then '0-10d'
            when tenor_days <= 45 then '10-45d'
            when tenor_days <= 120 then '45-120d'
            else '120d+' end as tenor_bucket,
       case when log_moneyness / sqrt(greatest(tenor_days, 1) / 365.0) < -0.5 then 'put wing'
            when log_moneyness / sqrt(greatest(tenor_days, 1) / 365.0) > 0.5 then 'call wing'
            else 'atm' end as moneyness_bucket,
       count(distinct as_of_date) as sessions,
       sqrt(avg(error_vol_points * error_vol_points)) as rmse_vol_points
from forecast_vs_realized
group by 1, 2, 3, 4;
