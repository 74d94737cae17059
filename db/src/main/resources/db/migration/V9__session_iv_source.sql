-- Where each stored session's smile vols came from: inverted from the quotes' prices, or the vendor's IV
-- column (ingest --iv-source). Sessions stored before this column existed were built from prices.
alter table sessions add column iv_source text not null default 'prices'
    check (iv_source in ('prices', 'vendor'));
