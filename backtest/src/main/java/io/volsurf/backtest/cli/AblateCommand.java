package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.AblationPlan;
import io.volsurf.backtest.forecasting.AblationService;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.db.market.TickerSelection;
import io.volsurf.forecaster.model.EpochProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf ablate}: which parts of the forecaster earn their keep, one axis at a time. */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = {"Train and evaluate variants of the forecaster on one walk-forward split (training targets "
                + "--from..--to, test targets --test-from..--test-to, as train then evaluate would), one axis at a "
                + "time away from the configured default: head (svi, grid, blend), n (N = 5, 10, 20), features (none, "
                + "gap, gap+rolldown, gap+rolldown+event), informer (off, on). Prints a table: RMSE in vol points, "
                + "ratios to carry-forward and to the best baseline, the Diebold-Mariano test against carry-forward, "
                + "training time and parameters. Nothing is stored in the database.",
            "Configuration as for train: --set key=value, then --config FILE, then volsurf.forecaster.* settings."},
        footer = {"", "Examples:",
            "  ./volsurf ablate --ticker all --from 2026-05-22 --to 2026-07-24 --test-from 2026-07-27 "
                    + "--test-to 2026-08-21 --out ablation.md",
            "  ./volsurf ablate --ticker SPY,QQQ --from 2026-05-22 --to 2026-07-24 --test-from 2026-07-27 "
                    + "--test-to 2026-08-21 --axes head,informer --quick"})
public final class AblateCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--ticker", required = true, paramLabel = "X", description = "A ticker, a comma-separated list, or all.")
    String ticker;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First training target session.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last training target session.")
    String to;

    @Option(names = "--test-from", required = true, paramLabel = "DATE", description = "First test session (after --to).")
    String testFrom;

    @Option(names = "--test-to", required = true, paramLabel = "DATE", description = "Last test session.")
    String testTo;

    @Option(names = "--axes", split = ",", paramLabel = "AXIS",
            description = "Axes to vary, comma-separated: head, n, features, informer (default: all).")
    List<String> axes = new ArrayList<>();

    @Option(names = "--quick", description = "Few epochs (epochs=3, patience=2) for a fast look.")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE.md",
            description = "Also write the table as markdown to FILE.md and as JSON beside it (FILE.json).")
    Path outFile;

    /** The default variant's configuration; each variant's settings go on top. */
    @Mixin
    ForecasterConfigOptions forecasterConfig;

    private final AblationService ablation;
    private final ForecastingService forecasting;
    private final Config appConfig;

    public AblateCommand(AblationService ablation, ForecastingService forecasting, Config appConfig) {
        this.ablation = ablation;
        this.forecasting = forecasting;
        this.appConfig = appConfig;
    }

    @Override
    public void run() {
        LocalDate f = DateRange.parse("--from", from);
        LocalDate t = DateRange.parse("--to", to);
        DateRange.ordered(f, t);
        LocalDate tf = DateRange.parse("--test-from", testFrom);
        LocalDate tt = DateRange.parse("--test-to", testTo);
        DateRange.ordered(tf, tt);
        if (!tf.isAfter(t)) {
            throw new IllegalArgumentException("--test-from " + tf + " must be after --to " + t
                    + " (walk-forward: no test session in training)");
        }
        List<AblationPlan.Variant> variants = AblationPlan.variants(axes);
        List<String> tickers = TickerSelection.resolve(ticker, forecasting::storedTickers);
        forecasterConfig.resolve(appConfig, quickSettings(), List.of()); // a bad --set fails before any training
        Output out = new Output(common.json);
        List<AblationService.Row> rows;
        try (Progress bar = Progress.start("ablate", variants.size())) {
            rows = ablation.run(tickers, f, t, tf, tt, variants,
                    ov -> forecasterConfig.resolve(appConfig, quickSettings(), ov), new AblationService.Listener() {
                        @Override
                        public void variantStarted(int index, int total, AblationPlan.Variant v) {
                            bar.maxHint(total);
                            bar.stepTo(index, v.name());
                        }

                        @Override
                        public void epoch(AblationPlan.Variant v, EpochProgress p) {
                            bar.message(String.format(Locale.ROOT, "%s epoch %d/%d val %.4f", v.name(), p.epoch(),
                                    p.maxEpochs(), p.validationLoss()));
                        }

                        @Override
                        public void variantDone(int index, int total, AblationService.Row row) {
                            bar.stepTo(index + 1, row.variant() + String.format(Locale.ROOT, " %.3f vs carry",
                                    row.vsCarryForward()));
                        }
                    });
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tickers", tickers);
        doc.put("trainFrom", f);
        doc.put("trainTo", t);
        doc.put("testFrom", tf);
        doc.put("testTo", tt);
        doc.put("quick", quick);
        doc.put("variants", rows);
        String markdown = String.format(Locale.ROOT, "Ablation on %s: training targets %s..%s, test %s..%s%s%n%n",
                String.join(",", tickers), f, t, tf, tt, quick ? " (--quick)" : "") + AblationService.markdown(rows);
        if (outFile != null) {
            write(outFile, markdown);
            write(jsonBeside(outFile), Output.toJson(doc) + System.lineSeparator());
        }
        out.document(doc);
        out.line(markdown.stripTrailing());
        if (outFile != null) {
            out.linef("written to %s and %s", outFile.toAbsolutePath(), jsonBeside(outFile).toAbsolutePath());
        }
    }

    private List<String> quickSettings() {
        return quick ? AblationPlan.QUICK : List.of();
    }

    static Path jsonBeside(Path markdown) {
        String name = markdown.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return markdown.resolveSibling(stem + ".json");
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
