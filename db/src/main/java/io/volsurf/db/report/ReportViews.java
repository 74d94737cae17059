package io.volsurf.db.report;

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
import javax.sql.DataSource;

/**
 * The SQL reporting views read back as rows, what a user would get from psql: column names in camelCase, dates as
 * {@link java.time.LocalDate}, timestamps as {@link java.time.Instant}.
 */
public final class ReportViews {

    private final DataSource dataSource;

    public ReportViews(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every run, newest first, from the {@code run_summary} view. */
    public List<Map<String, Object>> runs() {
        return query("select * from run_summary order by run_id desc");
    }

    /** One run from the {@code run_summary} view. */
    public Optional<Map<String, Object>> run(long id) {
        List<Map<String, Object>> rows = query("select * from run_summary where run_id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The run's daily attribution, from the {@code pnl_attribution_daily} view. */
    public List<Map<String, Object>> attribution(long id) {
        return query("select session_date as date, total, delta, gamma, vega, theta, residual, "
                + "forecast_predicted as \"forecastPredicted\", forecast_error as \"forecastError\" "
                + "from pnl_attribution_daily where run_id = ? order by session_date", id);
    }

    /** Forecast error by tenor and moneyness of a model, from {@code forecast_error_by_bucket}. */
    public List<Map<String, Object>> forecastErrors(String modelId) {
        return query("select * from forecast_error_by_bucket where model_id = ? order by ticker, tenor_bucket, "
                + "moneyness_bucket", modelId);
    }

    private List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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
