package io.volsurf.backtest.report;

import io.agroal.api.AgroalDataSource;
import io.volsurf.db.backtest.BacktestStore;
import io.volsurf.db.report.ReportViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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
        return views().runs();
    }

    public Optional<Map<String, Object>> run(long id) {
        new BacktestStore(dataSource.get()).failAbandoned();
        return views().run(id);
    }

    /** The run's daily attribution, from the {@code pnl_attribution_daily} view. */
    public List<Map<String, Object>> attribution(long id) {
        return views().attribution(id);
    }

    /** Forecast error by tenor and moneyness of the run's model, from {@code forecast_error_by_bucket}. */
    public List<Map<String, Object>> forecastErrors(String modelId) {
        return views().forecastErrors(modelId);
    }

    private ReportViews views() {
        return new ReportViews(dataSource.get());
    }
}
