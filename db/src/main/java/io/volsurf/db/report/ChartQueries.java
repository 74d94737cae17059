package io.volsurf.db.report;

import io.volsurf.db.jdbc.NullableDouble;
import io.volsurf.db.jdbc.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * The read-only queries behind the chart page and the static report: stored sessions per ticker, the implied
 * vols of a session's quotes, evaluations in {@code forecast_vs_realized}, and a backtest run's daily PnL with
 * its attribution. Rows come back as records with NaN for SQL NULL; shaping them into charts is the caller's.
 */
public final class ChartQueries {

    private final Transactions tx;

    public ChartQueries(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    /** A ticker with stored surfaces: how many sessions, the first and the last. */
    public record TickerSessions(String ticker, int sessions, LocalDate first, LocalDate last) {
    }

    /** One stored quote's implied vols; forward, bid and ask vols NaN where not stored. */
    public record QuoteVol(LocalDate expiry, double strike, double forward, double midVol, double bidVol,
            double askVol, boolean call) {
    }

    /** The evaluation an error chart reads, and the model it scored. */
    public record EvaluationRef(long evaluationId, String modelId) {
    }

    /** Forecast and realised implied vol of the cell nearest the money at one tenor, one forecast date. */
    public record CellForecast(LocalDate asOf, LocalDate forecastFor, double logMoneyness, double forecastIv,
            double realizedIv) {
    }

    /** RMSE in vol points over every evaluated cell of one forecast date. */
    public record DailyRmse(LocalDate forecastFor, int cells, double rmseVolPoints) {
    }

    /** A run's day: PnL and, where attributed, its split (NaN where there is no attribution row). */
    public record RunDayPnl(LocalDate session, double total, double cumulative, double portfolioValue, double delta,
            double gamma, double vega, double theta, double residual, double forecastPredicted, double forecastError,
            double attributed) {
    }

    /** Tickers with stored surfaces, alphabetically. */
    public List<TickerSessions> tickerSessions() {
        return tx.inTransaction(c -> {
            List<TickerSessions> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select ticker, count(*), min(session_date), "
                    + "max(session_date) from surfaces group by ticker order by ticker");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TickerSessions(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
                            rs.getObject(4, LocalDate.class)));
                }
            }
            return out;
        });
    }

    /** The quotes of one session that have a mid implied vol, by expiry, strike and right. */
    public List<QuoteVol> quoteVols(String ticker, LocalDate session) {
        return tx.inTransaction(c -> {
            List<QuoteVol> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select expiry, strike, forward, iv_mid, iv_bid, iv_ask, "
                    + "option_type from quotes where ticker = ? and session_date = ? and iv_mid is not null "
                    + "and iv_mid <> 'NaN'::float8 order by expiry, strike, option_type")) {
                ps.setString(1, ticker);
                ps.setObject(2, session);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new QuoteVol(rs.getObject(1, LocalDate.class), rs.getDouble(2),
                                NullableDouble.get(rs, 3), rs.getDouble(4), NullableDouble.get(rs, 5),
                                NullableDouble.get(rs, 6), "C".equals(rs.getString(7))));
                    }
                }
            }
            return out;
        });
    }

    /** The first stored surface session of {@code ticker} after {@code date}. */
    public Optional<LocalDate> nextSession(String ticker, LocalDate date) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select min(session_date) from surfaces where ticker = ? "
                    + "and session_date > ?")) {
                ps.setString(1, ticker);
                ps.setObject(2, date);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getObject(1, LocalDate.class)) : Optional.empty();
                }
            }
        });
    }

    /** The latest evaluation with cell rows for {@code ticker}, of {@code modelId} (null: of any model). */
    public Optional<EvaluationRef> latestEvaluation(String ticker, String modelId) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select evaluation_id, model_id from forecast_vs_realized "
                    + "where ticker = ? and kind = 'cell' and evaluation_id is not null and (?::text is null or "
                    + "model_id = ?) order by evaluation_id desc limit 1")) {
                ps.setString(1, ticker);
                ps.setString(2, modelId);
                ps.setString(3, modelId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new EvaluationRef(rs.getLong(1), rs.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The evaluated tenor nearest {@code tenorDays} (the shorter one on a tie). */
    public OptionalDouble nearestTenor(long evaluationId, String ticker, double tenorDays) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select tenor_days from forecast_vs_realized where "
                    + "evaluation_id = ? and ticker = ? group by tenor_days order by abs(tenor_days - ?), "
                    + "tenor_days limit 1")) {
                ps.setLong(1, evaluationId);
                ps.setString(2, ticker);
                ps.setDouble(3, tenorDays);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalDouble.of(rs.getDouble(1)) : OptionalDouble.empty();
                }
            }
        });
    }

    /** Per forecast origin, the evaluated cell of {@code tenorDays} nearest the money, in date order. */
    public List<CellForecast> nearestTheMoney(long evaluationId, String ticker, double tenorDays) {
        return tx.inTransaction(c -> {
            List<CellForecast> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select distinct on (as_of_date) as_of_date, forecast_for, "
                    + "log_moneyness, forecast_iv, realized_iv from forecast_vs_realized where evaluation_id = ? and "
                    + "ticker = ? and tenor_days = ? order by as_of_date, abs(log_moneyness)")) {
                ps.setLong(1, evaluationId);
                ps.setString(2, ticker);
                ps.setDouble(3, tenorDays);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CellForecast(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class),
                                rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
                    }
                }
            }
            return out;
        });
    }

    /** RMSE in vol points over all cells, per forecast date. */
    public List<DailyRmse> dailyRmse(long evaluationId, String ticker) {
        return tx.inTransaction(c -> {
            List<DailyRmse> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select forecast_for, count(*), "
                    + "sqrt(avg(error_vol_points * error_vol_points)) from forecast_vs_realized where evaluation_id = ? "
                    + "and ticker = ? group by forecast_for order by forecast_for")) {
                ps.setLong(1, evaluationId);
                ps.setString(2, ticker);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DailyRmse(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getDouble(3)));
                    }
                }
            }
            return out;
        });
    }

    /** A run's daily PnL joined with its daily attribution, in session order. */
    public List<RunDayPnl> runDays(long runId) {
        return tx.inTransaction(c -> {
            List<RunDayPnl> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select d.session_date, d.total, d.cumulative, "
                    + "d.portfolio_value, a.delta, a.gamma, a.vega, a.theta, a.residual, a.forecast_predicted, "
                    + "a.forecast_error, a.total from daily_pnl d left join pnl_attribution_daily a "
                    + "using (run_id, session_date) where d.run_id = ? order by d.session_date")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunDayPnl(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getDouble(3),
                                NullableDouble.get(rs, 4), NullableDouble.get(rs, 5), NullableDouble.get(rs, 6),
                                NullableDouble.get(rs, 7), NullableDouble.get(rs, 8), NullableDouble.get(rs, 9),
                                NullableDouble.get(rs, 10), NullableDouble.get(rs, 11), NullableDouble.get(rs, 12)));
                    }
                }
            }
            return out;
        });
    }
}
