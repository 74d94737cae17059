-- forecast_vs_realized is most of a backtest's rows (a row per traded contract per session), and
-- each index is work for every row a COPY writes. The (model_id, ticker) index served no query:
-- forecast_error_by_bucket reads the whole table, and the charts look evaluations up by
-- evaluation_id and ticker. Those get this index instead, which holds only evaluation rows, so a
-- backtest's rows (evaluation_id null) skip it; deleting an evaluation uses it for its cascade.
drop index forecast_vs_realized_by_model;
create index forecast_vs_realized_by_evaluation on forecast_vs_realized (evaluation_id, ticker)
    where evaluation_id is not null;
