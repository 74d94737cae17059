-- Market data: what ingest stores. One row per (ticker, session) in sessions; everything derived
-- from that session hangs off it with ON DELETE CASCADE, so re-ingesting a session replaces it whole.

create table ingest_runs (
    id              bigserial primary key,
    started_at      timestamptz not null default now(),
    finished_at     timestamptz,
    status          text not null default 'running' check (status in ('running', 'completed', 'failed')),
    paths           text not null,
    files           integer not null default 0,
    files_failed    jsonb not null default '[]'::jsonb,
    sessions        integer not null default 0,
    accepted        bigint not null default 0,
    rejected        bigint not null default 0,
    reject_reasons  jsonb not null default '{}'::jsonb,
    notes           jsonb not null default '{}'::jsonb
);

create table sessions (
    ticker          text not null,
    session_date    date not null,
    as_of           timestamptz not null,
    venue           text not null,
    spot            double precision,
    spot_source     text,
    source_file     text not null,
    ingest_run_id   bigint references ingest_runs (id) on delete set null,
    accepted        integer not null default 0,
    rejected        integer not null default 0,
    primary key (ticker, session_date)
);

create table quotes (
    ticker            text not null,
    session_date      date not null,
    expiry            date not null,
    strike            double precision not null,
    option_type       char(1) not null check (option_type in ('C', 'P')),
    maturity_years    double precision not null,
    bid               double precision,
    ask               double precision,
    price             double precision,
    underlying_price  double precision,
    volume            double precision,
    open_interest     double precision,
    vendor_iv         double precision,
    iv_mid            double precision,
    iv_bid            double precision,
    iv_ask            double precision,
    forward           double precision,
    primary key (ticker, session_date, expiry, strike, option_type),
    foreign key (ticker, session_date) references sessions (ticker, session_date) on delete cascade
);

-- Forward and discount of every listed expiry, and how they were found (parity, venue, configured).
create table expiry_forwards (
    ticker            text not null,
    session_date      date not null,
    expiry            date not null,
    maturity_years    double precision not null,
    forward           double precision not null,
    discount          double precision not null,
    method            text not null,
    pairs_used        integer not null,
    pairs_rejected    integer not null,
    residual_usd      double precision,
    primary key (ticker, session_date, expiry),
    foreign key (ticker, session_date) references sessions (ticker, session_date) on delete cascade
);

create table rejects (
    id              bigserial primary key,
    ingest_run_id   bigint references ingest_runs (id) on delete cascade,
    ticker          text,
    session_date    date,
    source_file     text not null,
    row_ref         text,
    reason          text not null,
    detail          text
);
create index rejects_by_reason on rejects (reason);
create index rejects_by_session on rejects (ticker, session_date);

create table svi_fits (
    ticker            text not null,
    session_date      date not null,
    expiry            date not null,
    maturity_years    double precision not null,
    forward           double precision not null,
    discount          double precision,
    a                 double precision not null,
    b                 double precision not null,
    rho               double precision not null,
    m                 double precision not null,
    sigma             double precision not null,
    quotes            integer not null,
    rmse_vol_points   double precision,
    butterfly_free    boolean not null,
    min_g             double precision,
    min_k             double precision,
    max_k             double precision,
    primary key (ticker, session_date, expiry),
    foreign key (ticker, session_date) references sessions (ticker, session_date) on delete cascade
);

-- The canonical surface: arrays flattened [tenor][knot] in the order of tenors_days x knots.
create table surfaces (
    ticker            text not null,
    session_date      date not null,
    scaling           text not null,
    tenors_days       integer[] not null,
    knots             double precision[] not null,
    log_moneyness     double precision[] not null,
    total_variance    double precision[] not null,
    implied_vol       double precision[] not null,
    mask              boolean[] not null,
    half_spread_vol   double precision[] not null,
    primary key (ticker, session_date),
    foreign key (ticker, session_date) references sessions (ticker, session_date) on delete cascade
);

create table session_features (
    ticker            text not null,
    session_date      date not null,
    spot              double precision,
    log_return        double precision,
    realized_vol_5    double precision,
    realized_vol_21   double precision,
    rate_minus_div    double precision,
    atm_vol_30d       double precision,
    skew_30d          double precision,
    term_slope        double precision,
    volume            double precision,
    open_interest     double precision,
    median_spread_vol double precision,
    model_free_vix    double precision,
    next_session_gap_days integer,
    primary key (ticker, session_date),
    foreign key (ticker, session_date) references sessions (ticker, session_date) on delete cascade
);
