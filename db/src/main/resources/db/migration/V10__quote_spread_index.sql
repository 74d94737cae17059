-- Re-gridding a stored session onto another grid reads the half-spreads of the quotes its smiles were fitted to,
-- that is the quotes with both a bid and an ask implied vol. Most US rows have neither (last-trade prices): this
-- partial index spares that read a scan of every quote of the period (about 400 ms for 20 SPY sessions).
create index if not exists quotes_with_spread on quotes (ticker, session_date)
    where iv_bid is not null and iv_ask is not null;
