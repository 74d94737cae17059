package io.volsurf.backtest.report;

import io.agroal.api.AgroalDataSource;
import io.volsurf.db.backtest.BacktestStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code report}: the SQL reporting views, read back as rows (what a user would get from psql). */
@ApplicationScoped
public class ReportService {

    private final Instance<AgroalDataSource> dataSource;

    public ReportService(Instance<AgroalDataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every run, newest first, from the {@code run_summary} view. Runs left 'running' by a process that
     * is gone are marked failed first, so the table says what the view shows.
     */
    public List<Map<String, Object>> runs() {
        new BacktestStore(dataSource.get()).failAbandoned();
        return query("select * from run_summary order by run_id desc");
    }

    public Optional<Map<String, Object>> run(long id) {
        new BacktestStore(dataSource.get()).failAbandoned();
        List<Map<String, Object>> rows = query("select * from run_summary where run_id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The run's daily attribution, from the {@code pnl_attribution_daily} view. */
    public List<Map<String, Object>> attribution(long id) {
        return query("select session_date as date, total, delta, gamma, vega, theta, residual, "
                + "forecast_predicted as \"forecastPredicted\", forecast_error as \"forecastError\" "
                + "from pnl_attribution_daily where run_id = ? order by session_date", id);
    }

    /** Forecast error by tenor and moneyness of the run's model, from {@code forecast_error_by_bucket}. */
    public List<Map<String, Object>> forecastErrors(String modelId) {
        return query("select * from forecast_error_by_bucket where model_id = ? order by ticker, tenor_bucket, "
                + "moneyness_bucket", modelId);
    }

    private List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection c = dataSource.get().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Date d) {
                            v = d.toLocalDate();
                        } else if (v instanceof java.sql.Timestamp ts) {
                            v = ts.toInstant();
                        }
                        row.put(camel(md.getColumnLabel(i)), v);
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("report: " + e.getMessage(), e);
        }
    }

    static String camel(String column) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }
}
