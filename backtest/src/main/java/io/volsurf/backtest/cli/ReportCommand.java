package io.volsurf.backtest.cli;

import io.volsurf.backtest.report.HtmlReportWriter;
import io.volsurf.backtest.report.ReportService;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf report}: the stored backtest results as tables. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The stored results: every run (view run_summary), or with --run one run's summary, its daily PnL "
                + "attribution (view pnl_attribution_daily: delta + gamma + vega + theta + residual = total, "
                + "forecastPredicted + forecastError = vega) and its model's forecast error by tenor and moneyness "
                + "(view forecast_error_by_bucket).",
            "The same views answer plain SQL, e.g. select * from run_summary order by run_id desc;",
            "--html writes the charts of the served page ('./volsurf serve', then http://127.0.0.1:8080/) as a static "
                    + "page under VOLSURF_HOME/reports, with the data embedded and plotly.js beside it."},
        footer = {"", "Examples:", "  ./volsurf report", "  ./volsurf report --run 3 --json",
            "  ./volsurf report --html", "  ./volsurf report --html --ticker SPY --date 2026-08-20 --run 3"})
public final class ReportCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--run", paramLabel = "ID", description = "One run.")
    Long run;

    @Option(names = "--html", description = "Write the static chart report (surfaces, smiles, forecast vs realised, "
            + "equity curve and attribution) under VOLSURF_HOME/reports and print its path.")
    boolean html;

    @Option(names = "--ticker", paramLabel = "T", description = "With --html: the ticker shown (default the newest "
            + "run's, else the first stored).")
    String ticker;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "With --html: the session shown (default the "
            + "last two stored sessions).")
    LocalDate date;

    private final ReportService reports;
    private final HtmlReportWriter htmlReports;
    private final Path home;

    public ReportCommand(ReportService reports, HtmlReportWriter htmlReports,
            @ConfigProperty(name = "volsurf.home", defaultValue = ".volsurf") String home) {
        this.reports = reports;
        this.htmlReports = htmlReports;
        this.home = Path.of(home).toAbsolutePath();
    }

    @Override
    public void run() {
        Output out = new Output(common.json);
        if (html) {
            writeHtml(out);
            return;
        }
        if (ticker != null || date != null) {
            throw new IllegalArgumentException("--ticker and --date choose what --html shows: add --html");
        }
        if (run == null) {
            List<Map<String, Object>> runs = reports.runs();
            out.document(Map.of("runs", runs));
            if (runs.isEmpty()) {
                out.line("no backtest runs stored yet: ./volsurf backtest --help");
                return;
            }
            out.linef("%5s %-12s %-8s %-10s %8s %12s %8s %12s  %s", "run", "strategy", "ticker", "status", "sessions",
                    "total PnL", "Sharpe", "max DD", "half-spread");
            for (Map<String, Object> r : runs) {
                out.linef("%5s %-12s %-8s %-10s %8s %12s %8s %12s  %s", r.get("runId"), r.get("strategy"), r.get("ticker"),
                        r.get("status"), r.get("sessions"), num(r.get("totalPnl"), "%.2f"), num(r.get("sharpe"), "%.2f"),
                        num(r.get("maxDrawdown"), "%.2f"),
                        r.get("halfSpreadSource") == null ? "-" : r.get("halfSpreadSource"));
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
        for (String line : PnlSources.lines(summary)) {
            out.line("  " + line);
        }
        out.linef("%-11s %10s %10s %10s %10s %10s %10s %12s %12s", "date", "total", "delta", "gamma", "vega", "theta",
                "residual", "fcst pred", "fcst error");
        for (Map<String, Object> a : attribution) {
            out.linef("%-11s %10s %10s %10s %10s %10s %10s %12s %12s", a.get("date"), num(a.get("total"), "%.2f"),
                    num(a.get("delta"), "%.2f"), num(a.get("gamma"), "%.2f"), num(a.get("vega"), "%.2f"),
                    num(a.get("theta"), "%.2f"), num(a.get("residual"), "%.2f"), num(a.get("forecastPredicted"), "%.2f"),
                    num(a.get("forecastError"), "%.2f"));
        }
    }

    private void writeHtml(Output out) {
        String t = ticker == null ? null : ticker.trim().toUpperCase(Locale.ROOT);
        HtmlReportWriter.Written w = htmlReports.write(home.resolve("reports"), t, date,
                run == null ? List.of() : List.of(run));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("html", w.html().toString());
        doc.put("plotly", w.plotly().toString());
        doc.put("ticker", w.ticker());
        doc.put("dates", w.dates());
        doc.put("runs", w.runs());
        out.document(doc);
        out.linef("report: %s (%s on %s; runs %s); open it in a browser, plotly.js is beside it in %s", w.html(),
                w.ticker(), w.dates(), w.runs(), w.plotly().getParent());
    }

    private static String num(Object v, String format) {
        return v instanceof Number n ? String.format(Locale.ROOT, format, n.doubleValue()) : String.valueOf(v);
    }
}
