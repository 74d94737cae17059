package io.volsurf.backtest.cli;

import io.volsurf.backtest.app.DatabaseStatus;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.report.HtmlReportWriter;
import io.volsurf.backtest.runner.BacktestService;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.forecaster.eval.ErrorSummary;
import io.volsurf.forecaster.eval.EvaluationReport;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.synthetic.GenerationReport;
import io.volsurf.forecaster.synthetic.MarketPreset;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf demo}: the whole pipeline on a generated market, on the embedded database. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"End to end on a generated market (or with --real on ../shared/data), on the embedded database: "
                + "generate, ingest, train a small model, evaluate it against the baselines, backtest both strategies, report.",
            "Everything lands in VOLSURF_HOME (default ./.volsurf): the database, the market files, the model. "
                    + "Running it again replaces the demo's sessions and retrains; nothing else is touched."},
        footer = {"", "Examples:", "  ./volsurf demo", "  ./volsurf demo --days 80 --epochs 20",
            "  ./volsurf demo --mean-reversion 3 --vol-of-variance 0.5   # a near random walk: nothing to learn or trade",
            "  ./volsurf demo --market events   # scheduled events, seen only through the term structure",
            "  ./volsurf demo --market noisy --set quote_noise_vol=0.02",
            "  ./volsurf demo --tickers A,B,C,D,E,F --set common_factor_share=0.6   # tickers sharing one factor",
            "  ./volsurf demo --real    # every US ticker of ../shared/data (us-options, us-options-more)"})
public final class DemoCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--days", defaultValue = "60", paramLabel = "N", description = "Sessions of generated market (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--epochs", defaultValue = "12", paramLabel = "E", description = "Training epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--mean-reversion", paramLabel = "KAPPA", description = "Generated market: "
            + "speed at which the variance reverts to its long-run level, per year (default 100, 10 with --market "
            + "noisy: 100 is a half-life under two sessions, fast enough for the model to learn and the strategies to "
            + "trade on; 3 is closer to real markets, a near random walk from one day to the next, with nothing to "
            + "trade).")
    Double meanReversion;

    @Option(names = "--vol-of-variance", paramLabel = "XI", description = "Generated market: "
            + "volatility of the variance (Heston xi, default 1.0, 0.5 with --market noisy).")
    Double volOfVariance;

    @Option(names = "--tickers", defaultValue = "SYN,ALT", paramLabel = "A,B", split = ",", description = "Generated "
            + "market: its tickers (default ${DEFAULT-VALUE}); the first is backtested.")
    List<String> syntheticTickers;

    @Mixin
    MarketOptions market;

    @Option(names = "--real", description = "Use the real chains in ../shared/data (every US ticker of us-options and us-options-more) instead of a generated market.")
    boolean real;

    @Option(names = "--data", defaultValue = "../shared/data", paramLabel = "DIR", description = "Where --real finds the data (default ${DEFAULT-VALUE}).")
    Path data;

    private final DatabaseStatus database;
    private final IngestService ingest;
    private final ForecastingService forecasting;
    private final BacktestService backtests;
    private final HtmlReportWriter htmlReports;
    private final Path home;

    public DemoCommand(DatabaseStatus database, IngestService ingest, ForecastingService forecasting,
            BacktestService backtests, HtmlReportWriter htmlReports,
            @ConfigProperty(name = "volsurf.home", defaultValue = ".volsurf") String home) {
        this.database = database;
        this.ingest = ingest;
        this.forecasting = forecasting;
        this.backtests = backtests;
        this.htmlReports = htmlReports;
        this.home = Path.of(home).toAbsolutePath();
    }

    @Override
    public void run() {
        if (days < 30) {
            throw new IllegalArgumentException("--days must be at least 30 (the model needs a history and a test period)");
        }
        // the generated market is checked before anything runs: a bad --set is exit 2 with nothing touched
        List<String> names = syntheticTickers.stream().map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> t.toUpperCase(java.util.Locale.ROOT)).distinct().toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--tickers must name at least one ticker");
        }
        if (real && (!market.settings().isEmpty() || market.preset() != MarketPreset.DEFAULT)) {
            throw new IllegalArgumentException("--market and --set describe a generated market; not with --real");
        }
        SyntheticMarketConfig config = real ? null : syntheticMarket(names);
        Output out = new Output(common.json);
        Map<String, Object> doc = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Map<String, Object> db = database.describe();
        doc.put("database", db);
        out.line("volsurf demo: " + (real ? "real chains from " + data : "a generated market") + ", database "
                + db.get("url"));

        List<Path> inputs = new ArrayList<>();
        List<String> tickers;
        if (real) {
            if (!Files.isDirectory(data.resolve("us-options"))) {
                throw new IllegalArgumentException("--real: " + data.resolve("us-options") + " is not there; pass --data DIR");
            }
            // the cross-section: every shared US ticker (both folders), where the model learns; SPY and QQQ alone
            // gave it too few pairs (1.191 of carry-forward, docs/forecaster-accuracy.md)
            inputs.add(data.resolve("us-options"));
            if (Files.isDirectory(data.resolve("us-options-more"))) {
                inputs.add(data.resolve("us-options-more"));
            }
            tickers = new ArrayList<>(); // every US ticker stored by the ingest, SPY first (the backtest's)
        } else {
            Path marketDir = home.resolve("demo/market");
            step(out, "1/5 generate", () -> {
                // a previous demo's files (other tickers or more days) must not be ingested with this market's
                deleteTree(marketDir);
                GenerationReport g = new SyntheticMarketGenerator().generate(config, marketDir);
                Map<String, Object> generated = new LinkedHashMap<>();
                generated.put("market", market.preset().cliName());
                generated.put("tickers", names);
                generated.put("kappa", config.kappa());
                generated.put("volOfVariance", config.volOfVariance());
                generated.put("effects", config.effects());
                generated.put("sessions", g.sessions());
                generated.put("files", g.chainFiles().size());
                generated.put("rows", g.rows());
                generated.put("events", g.events().size());
                doc.put("generated", generated);
                return g.chainFiles().size() + " chain files, " + g.rows() + " rows (" + g.badRows().size()
                        + " deliberately bad) in " + marketDir + String.format(java.util.Locale.ROOT, "; market %s (%s); "
                        + "variance reverts with a half-life of %.1f sessions (kappa %s), vol of variance %s",
                        market.preset().cliName(), market.preset().description(),
                        Math.log(2) / (config.kappa() / 252.0), config.kappa(), config.volOfVariance())
                        + (g.eventsFile() == null ? "" : "; " + g.events().size() + " scheduled events in "
                                + g.eventsFile());
            });
            inputs.add(marketDir);
            tickers = names;
        }

        step(out, "2/5 ingest", () -> {
            IngestService.IngestOutcome o;
            try (Progress bar = Progress.start("ingest", inputs.size())) {
                o = ingest.ingest(inputs, null, bar.perFile());
            }
            doc.put("ingest", Map.of("runId", o.runId(), "sessions", o.summary().sessions(), "accepted",
                    o.summary().accepted(), "rejected", o.summary().rejected(), "rejectReasons",
                    o.summary().rejectReasons(), "slicesFitted", o.slicesFitted(), "slicesButterflyFree",
                    o.slicesButterflyFree()));
            return o.summary().sessions() + " sessions, " + o.summary().accepted() + " quotes accepted, "
                    + o.summary().rejected() + " rejected " + o.summary().rejectReasons() + ", " + o.slicesFitted()
                    + " SVI slices (" + o.slicesButterflyFree() + " butterfly-free)";
        });

        if (real) {
            // only the tickers of these folders: the home's database may hold a generated market's too
            java.util.Set<String> named = new java.util.HashSet<>();
            for (Path folder : inputs) {
                try (var files = Files.walk(folder)) {
                    files.filter(Files::isRegularFile).forEach(f -> named.add(
                            f.getFileName().toString().split("\\.")[0].toUpperCase(java.util.Locale.ROOT)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            List<String> stored = new ArrayList<>(forecasting.storedTickers());
            stored.retainAll(named);
            stored.sort(java.util.Comparator.comparing((String t) -> !t.equals("SPY")));
            tickers.addAll(stored);
        }
        List<LocalDate> sessions = forecasting.sessions(tickers.get(0));
        if (sessions.size() < 20) {
            throw new IllegalStateException("only " + sessions.size() + " sessions stored for " + tickers.get(0));
        }
        LocalDate trainTo = sessions.get((int) (sessions.size() * 0.7) - 1);
        LocalDate testFrom = sessions.get((int) (sessions.size() * 0.7));
        LocalDate last = sessions.get(sessions.size() - 1);
        Path modelDir = home.resolve("models/demo" + (real ? "-real" : ""));
        Properties p = new Properties();
        p.setProperty("epochs", String.valueOf(epochs));
        ForecasterConfig cfg = ForecasterConfig.fromProperties(p);
        String[] modelId = new String[1];
        step(out, "3/5 train", () -> {
            ForecastingService.TrainOutcome o;
            try (Progress bar = Progress.start("train", epochs)) {
                o = forecasting.train(tickers, sessions.get(0), trainTo, modelDir, cfg, e -> bar.stepTo(e.epoch(),
                        String.format(java.util.Locale.ROOT, "val %.4f", e.validationLoss())));
            }
            modelId[0] = o.modelId();
            try (var m = o.forecaster()) {
                doc.put("train", Map.of("modelId", o.modelId(), "modelDir", modelDir.toString(), "samples", o.samples(),
                        "bestEpoch", m.summary().bestEpoch()));
                return "model " + o.modelId() + " on " + o.samples() + " pairs up to " + trainTo + " (best epoch "
                        + m.summary().bestEpoch() + " of " + m.summary().epochsRun() + "), in " + modelDir;
            }
        });

        EvaluationReport[] report = new EvaluationReport[1];
        step(out, "4/5 evaluate", () -> {
            ForecastingService.EvaluateOutcome o = forecasting.evaluate(tickers, modelDir, testFrom, last);
            report[0] = o.report();
            doc.put("evaluate", o.report());
            return o.report().sessions() + " unseen sessions, " + testFrom + " to " + last;
        });
        EvaluationReport r = report[0];
        double carry = r.baselines().get("carryForward").rmseVolPoints();
        out.linef("  %-24s %9s %9s", "forecaster", "RMSE vol", "vs carry");
        out.linef("  %-24s %9.3f %9.3f", "model", r.model().rmseVolPoints(), r.model().rmseVolPoints() / carry);
        for (Map.Entry<String, ErrorSummary> e : r.baselines().entrySet()) {
            out.linef("  %-24s %9.3f %9.3f", e.getKey(), e.getValue().rmseVolPoints(), e.getValue().rmseVolPoints() / carry);
        }
        out.linef("  Diebold-Mariano vs carry-forward: statistic %.2f, p-value %.3f; arbitrage violations %d -> %d after the projector",
                r.dieboldMariano().statistic(), r.dieboldMariano().pValue(), r.arbitrage().before(), r.arbitrage().after());
        if (r.dieboldMarianoVsBest() != null) {
            out.linef("  Diebold-Mariano vs the best baseline (%s)%s: statistic %.2f, p-value %.3f", r.bestBaseline(),
                    tickers.size() > 1 ? ", per date" : "", r.dieboldMarianoVsBest().statistic(),
                    r.dieboldMarianoVsBest().pValue());
        }
        List<Long> runs = new ArrayList<>();
        step(out, "5/5 backtest", () -> {
            StringBuilder what = new StringBuilder();
            for (HedgeMode mode : new HedgeMode[] {HedgeMode.DELTA, HedgeMode.DELTA_GAMMA}) {
                BacktestService.RunOutcome o;
                try (Progress bar = Progress.start("backtest " + mode, 1)) {
                    o = backtests.run(tickers.get(0), BacktestService.defaultsFor(false, mode), modelDir, testFrom, last,
                            null, d -> bar.step(d.toString()));
                }
                runs.add(o.runId());
                what.append(String.format(java.util.Locale.ROOT, "%n  run %d %-11s PnL %10.2f  Sharpe %6.2f  max DD %9.2f  "
                        + "daily PnL std %8.2f (trading legs alone %8.2f)", o.runId(),
                        mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), o.summary().totalPnl(),
                        o.summary().sharpe(), o.summary().maxDrawdown(), o.summary().hedgedPnlStd(),
                        o.summary().unhedgedPnlStd()));
                if (o.summary().trades() == 0) {
                    what.append(" no trades: the forecast never beat a market IV by its half-spread plus the threshold");
                }
            }
            doc.put("backtests", runs);
            return "delta and delta-gamma on " + tickers.get(0) + ", " + testFrom + " to " + last + what;
        });
        // The charts of the demo's first ticker on its last two sessions, with both runs (no server needed).
        HtmlReportWriter.Written page = htmlReports.write(home.resolve("reports"), tickers.get(0), null, runs);
        doc.put("report", page.html().toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        doc.put("seconds", seconds);
        out.document(doc);
        out.linef("done in %.0f s. Results are in the database (%s) and %s.", seconds, db.get("url"), home);
        out.line("Charts (surfaces, smiles, forecast vs realised, equity curve, PnL attribution): open " + page.html()
                + " in a browser, or run './volsurf serve' and open http://127.0.0.1:8080/");
        out.line("Look at them with SQL: ./volsurf db psql (the embedded database, password from VOLSURF_HOME/db-password; "
                + "psql \"$(./volsurf db url)\" works too), for example:");
        out.line("  select * from forecast_error_by_bucket where model_id = '" + modelId[0] + "' order by tenor_bucket;");
        out.line("  select session_date, atm_vol_30d, skew_30d, model_free_vix from session_features where ticker = '"
                + tickers.get(0) + "' order by session_date;");
        out.line("  select reason, count(*) from rejects group by reason;");
        out.line("  select * from run_summary order by run_id desc;");
        out.line("  select * from pnl_attribution_daily where run_id = " + runs.get(0) + " order by session_date;");
        out.line("or: ./volsurf report --run " + runs.get(0));
    }

    /**
     * The generated market: the demo's (seed 7, variance reverting fast), then the --market preset, then
     * --mean-reversion and --vol-of-variance where given, then the --set values.
     */
    SyntheticMarketConfig syntheticMarket(List<String> names) {
        SyntheticMarketConfig c = market.preset().applyTo(SyntheticMarketConfig.defaults(days, 7L).withTickers(names)
                .withVarianceDynamics(100, 1.0));
        if (meanReversion != null || volOfVariance != null) {
            c = c.withVarianceDynamics(meanReversion != null ? meanReversion : c.kappa(),
                    volOfVariance != null ? volOfVariance : c.volOfVariance());
        }
        return io.volsurf.forecaster.synthetic.SyntheticMarketSettings.apply(c, market.settings());
    }

    private static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }

    private interface Step {
        String run();
    }

    private static void step(Output out, String name, Step step) {
        long t = System.nanoTime();
        String what = step.run();
        out.linef("%-13s %s (%.1f s)", name, what, (System.nanoTime() - t) / 1e9);
    }
}
