package io.volsurf.backtest.cli;

import io.agroal.api.AgroalDataSource;
import io.volsurf.db.export.RunExport;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf export --run N --out DIR}: one run's tables as files for pandas and notebooks. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"One stored backtest run as CSV (PostgreSQL's own CSV writer, header row) or Parquet files: "
                + "run_summary, "
                + "backtest_runs (with the run's full configuration as JSON), trades, positions, daily_pnl, "
                + "pnl_attribution and pnl_attribution_daily, named run-<ID>-<table>.csv (or .parquet). The files are read in one "
                + "snapshot, so they agree with each other even while a resumed run writes on.",
            "In pandas: pd.read_csv('DIR/run-3-pnl_attribution_daily.csv', parse_dates=['session_date']), or "
                    + "pd.read_parquet('DIR/run-3-pnl_attribution_daily.parquet')"},
        footer = {"", "Example:", "  ./volsurf export --run 3 --out results/run-3",
            "  ./volsurf export --run 3 --out results/run-3 --format parquet --json"})
public final class ExportCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--run", required = true, paramLabel = "ID", description = "The run (see ./volsurf report).")
    long run;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
            description = "csv (the default) or parquet (written by DuckDB; column types inferred, jsonb and arrays "
                    + "as text).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the files (created).")
    Path out;

    private final Instance<AgroalDataSource> dataSource;

    public ExportCommand(Instance<AgroalDataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void run() {
        String fmt = format.toLowerCase(java.util.Locale.ROOT);
        if (!fmt.equals("csv") && !fmt.equals("parquet")) {
            throw new IllegalArgumentException("--format: '" + format + "' is not supported: csv or parquet");
        }
        if (run <= 0) {
            throw new IllegalArgumentException("--run: a run id is a positive number, got " + run);
        }
        RunExport export = new RunExport(dataSource.get());
        if (!export.exists(run)) {
            throw new IllegalArgumentException("--run: no run " + run + " is stored (./volsurf report lists them)");
        }
        List<RunExport.ExportedFile> files;
        try {
            files = fmt.equals("parquet") ? export.writeParquet(run, out) : export.writeCsv(run, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing into " + out + ": " + e.getMessage(), e);
        }
        Output o = new Output(common.json);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runId", run);
        doc.put("format", fmt);
        doc.put("directory", out.toAbsolutePath().toString());
        doc.put("files", files);
        o.document(doc);
        o.linef("run %d exported to %s", run, out.toAbsolutePath());
        for (RunExport.ExportedFile f : files) {
            o.linef("  %-40s %8d rows  (%s)", f.file(), f.rows(), f.relation());
        }
    }
}
