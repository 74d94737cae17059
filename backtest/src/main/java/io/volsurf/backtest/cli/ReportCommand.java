package io.volsurf.backtest.cli;

import io.volsurf.backtest.report.ReportService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf report}: the stored backtest results as tables. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The stored results: every run (view run_summary), or with --run one run's summary, its daily PnL "
                + "attribution (view pnl_attribution_daily: delta + gamma + vega + theta + residual = total, "
                + "forecastPredicted + forecastError = vega) and its model's forecast error by tenor and moneyness "
                + "(view forecast_error_by_bucket).",
            "The same views answer plain SQL, e.g. select * from run_summary order by run_id desc;"},
        footer = {"", "Examples:", "  ./volsurf report", "  ./volsurf report --run 3 --json"})
public final class ReportCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--run", paramLabel = "ID", description = "One run.")
    Long run;

    private final ReportService reports;

    public ReportCommand(ReportService reports) {
        this.reports = reports;
    }

    @Override
    public void run() {
        Output out = new Output(common.json);
        if (run == null) {
            List<Map<String, Object>> runs = reports.runs();
            out.document(Map.of("runs", runs));
            if (runs.isEmpty()) {
                out.line("no backtest runs stored yet: ./volsurf backtest --help");
                return;
            }
            out.linef("%5s %-12s %-8s %-10s %8s %12s %8s %12s", "run", "strategy", "ticker", "status", "sessions",
                    "total PnL", "Sharpe", "max DD");
            for (Map<String, Object> r : runs) {
                out.linef("%5s %-12s %-8s %-10s %8s %12s %8s %12s", r.get("runId"), r.get("strategy"), r.get("ticker"),
                        r.get("status"), r.get("sessions"), num(r.get("totalPnl"), "%.2f"), num(r.get("sharpe"), "%.2f"),
                        num(r.get("maxDrawdown"), "%.2f"));
            }
            return;
        }
        Map<String, Object> summary = reports.run(run).orElseThrow(
                () -> new IllegalArgumentException("--run " + run + ": no such run (./volsurf report lists them)"));
        List<Map<String, Object>> attribution = reports.attribution(run);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", summary);
        doc.put("attribution", attribution);
        Object modelId = summary.get("modelId");
        if (modelId != null) {
            doc.put("forecastErrorByBucket", reports.forecastErrors(modelId.toString()));
        }
        out.document(doc);
        out.linef("run %s: %s %s, %s, sessions %s, total PnL %s, Sharpe %s, max drawdown %s, hedging-error std %s",
                run, summary.get("strategy"), summary.get("ticker"), summary.get("status"), summary.get("sessions"),
                num(summary.get("totalPnl"), "%.2f"), num(summary.get("sharpe"), "%.2f"),
                num(summary.get("maxDrawdown"), "%.2f"), num(summary.get("hedgeErrorStd"), "%.2f"));
        out.linef("%-11s %10s %10s %10s %10s %10s %10s %12s %12s", "date", "total", "delta", "gamma", "vega", "theta",
                "residual", "fcst pred", "fcst error");
        for (Map<String, Object> a : attribution) {
            out.linef("%-11s %10s %10s %10s %10s %10s %10s %12s %12s", a.get("date"), num(a.get("total"), "%.2f"),
                    num(a.get("delta"), "%.2f"), num(a.get("gamma"), "%.2f"), num(a.get("vega"), "%.2f"),
                    num(a.get("theta"), "%.2f"), num(a.get("residual"), "%.2f"), num(a.get("forecastPredicted"), "%.2f"),
                    num(a.get("forecastError"), "%.2f"));
        }
    }

    private static String num(Object v, String format) {
        return v instanceof Number n ? String.format(Locale.ROOT, format, n.doubleValue()) : String.valueOf(v);
    }
}
