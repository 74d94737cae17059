package io.volsurf.backtest.cli;

import io.volsurf.forecaster.synthetic.GenerationReport;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf generate}: a synthetic market with known truth, as generic chain CSV files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic market (Heston-like spot with leverage, SSVI smiles with mean-reverting "
                + "skew and curvature, weekly/monthly/quarterly listings, wider spreads in the wings, missing "
                + "strikes and a few bad rows) as generic chain CSV files DIR/<TICKER>/<date>.csv, with the true "
                + "SVI parameters in DIR/svi.truth.csv and the injected bad rows in DIR/bad-rows.truth.csv. "
                + "Structure of real markets can be switched on with --market or --set: a factor common to all "
                + "tickers, variance per business day, scheduled events (listed in DIR/events.truth.csv) and quote "
                + "noise; see docs/generated-markets.md.",
        footer = {"", "Examples:", "  ./volsurf generate --days 250 --out /tmp/market --seed 7",
            "  ./volsurf generate --days 60 --out /tmp/market --tickers SYN,ALT --json",
            "  ./volsurf generate --days 60 --out /tmp/market --market events",
            "  ./volsurf generate --days 120 --out /tmp/market --tickers A,B,C,D,E,F --set common_factor_share=0.6"})
public final class GenerateCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--days", required = true, paramLabel = "N", description = "Number of trading sessions (NYSE calendar).")
    int days;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed; the same seed writes the same files (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tickers", defaultValue = "SYN", paramLabel = "A,B", description = "Comma-separated synthetic tickers (default ${DEFAULT-VALUE}).")
    String tickers;

    @Option(names = "--start", defaultValue = "2025-01-02", paramLabel = "DATE", description = "First session, ISO date (default ${DEFAULT-VALUE}).")
    LocalDate start;

    @Mixin
    MarketOptions market;

    @Override
    public void run() {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        List<String> names = Arrays.stream(tickers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--tickers must name at least one ticker");
        }
        Output output = new Output(common.json);
        SyntheticMarketConfig config = market.apply(SyntheticMarketConfig.defaults(days, seed).withTickers(names)
                .withStart(start));
        long t0 = System.nanoTime();
        GenerationReport report = new SyntheticMarketGenerator().generate(config, out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("out", out.toString());
        doc.put("tickers", names.stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList());
        doc.put("sessions", report.sessions());
        doc.put("files", report.chainFiles().size());
        doc.put("rows", report.rows());
        doc.put("badRows", report.badRows().size());
        doc.put("truthFile", report.truthFile().toString());
        doc.put("badRowsFile", report.badRowsFile().toString());
        doc.put("market", market.preset().cliName());
        doc.put("effects", config.effects());
        if (report.eventsFile() != null) {
            doc.put("eventsFile", report.eventsFile().toString());
            doc.put("events", report.events().size());
        }
        output.document(doc);
        output.linef("wrote %d chain files (%d sessions x %d tickers, %d rows, %d deliberately bad) to %s in %.1f s",
                report.chainFiles().size(), report.sessions(), names.size(), report.rows(), report.badRows().size(),
                out, seconds);
        output.linef("true SVI parameters: %s; injected bad rows: %s", report.truthFile(), report.badRowsFile());
        if (report.eventsFile() != null) {
            output.linef("scheduled events (%d): %s", report.events().size(), report.eventsFile());
        }
        output.linef("next: ./volsurf ingest %s", out);
    }
}
