package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.forecasting.GridRequest;
import io.volsurf.db.market.TickerSelection;
import io.volsurf.backtest.forecasting.WalkForwardEvaluation;
import io.volsurf.forecaster.eval.BootstrapInterval;
import io.volsurf.forecaster.eval.BucketComparison;
import io.volsurf.forecaster.eval.BucketError;
import io.volsurf.forecaster.eval.DieboldMarianoResult;
import io.volsurf.forecaster.eval.ErrorSummary;
import io.volsurf.forecaster.eval.EvaluationReport;
import io.volsurf.forecaster.eval.OptionPricingError;
import io.volsurf.forecaster.eval.WalkForward;
import io.volsurf.forecaster.eval.WalkForwardDocument;
import io.volsurf.forecaster.eval.WalkForwardStatistics;
import io.volsurf.forecaster.grid.GridSpecKeys;
import io.volsurf.forecaster.model.ForecasterConfig;
import java.io.IOException;
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

/** {@code ./volsurf evaluate}: the model against the baselines on sessions it never saw. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Forecast metrics of a trained model against the baselines (carry-forward, sticky-expiry, "
                + "sticky-expiry in business time, the same carrying events found in the term structure apart, "
                + "mean-reverting drift, linear) on the next session's observed cells: RMSE in vol points and total "
                + "variance, MAPE, by tenor and moneyness; Diebold-Mariano tests of the model and of each baseline "
                + "against carry-forward (the model's also on the per-date loss averaged across tickers); arbitrage "
                + "violations before and after the projector; the next session's listed options priced at each "
                + "forecast with the realised forward (RMSE in USD, MAE in bp of the forward, share inside bid-ask "
                + "where the data has spreads). Per-cell errors are stored (view forecast_error_by_bucket)."},
        footer = {"", "With --walk-forward, every test session is forecast by a model (and baselines) fitted only on the "
                + "sessions before it: the test dates are cut into folds of K; each fold trains the model with the same "
                + "config (--model-dir's config.json, or --config/--set as train) and refits the fitted baselines on "
                + "every pair whose target precedes the fold; folds run in parallel (--threads). Adds the "
                + "Diebold-Mariano test against the best baseline on the per-date loss, a moving-block bootstrap 95% "
                + "interval of the RMSE ratio (to the best baseline and to carry-forward; blocks of ceil(n^(1/3)) dates, "
                + "2000 resamples, fixed seed) and RMSE tables per tenor and per gap (weekday, after a weekend, after a "
                + "holiday, after a missing session). Nothing is stored. See docs/forecaster-accuracy.md.",
            "", "With --model-dir, the sessions are read on the model's grid; --set grid_tenors=..., grid_knots=..., "
                + "grid_moneyness=log|atm_std or --grid-spec FILE score on another grid (the baselines on it, the "
                + "model's forecast surface read at its points). Stored sessions are re-gridded from their SVI fits.",
            "", "Examples:", "  ./volsurf evaluate --ticker all --model-dir models/us --from 2026-07-27 --to 2026-08-21",
            "  ./volsurf evaluate --ticker all --walk-forward --from 2026-06-22 --to 2026-08-21 --retrain-every 5 "
                    + "--min-train-sessions 20 --set epochs=8",
            "  ./volsurf evaluate --ticker all --walk-forward --to 2026-08-21 --spark 'local[2]' "
                    + "--db-url postgresql://postgres@127.0.0.1/vs"})
public final class EvaluateCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--ticker", required = true, paramLabel = "X", description = "A ticker, a comma-separated list, or all.")
    String ticker;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "A model written by train (required without "
            + "--walk-forward; with it, optional: its config.json is the training config of every fold).")
    Path modelDir;

    @Option(names = "--from", paramLabel = "DATE", description = "First forecast session (ISO date; required without "
            + "--walk-forward; with it, default: the first session after the burn-in).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last forecast session (ISO date).")
    String to;

    @Option(names = "--walk-forward", description = "Forecast every test session with a model and baselines fitted "
            + "only on the sessions before it (expanding window), retraining every --retrain-every sessions.")
    boolean walkForward;

    @Option(names = "--retrain-every", paramLabel = "K",
            description = "Walk-forward: test sessions per fold, i.e. the model is retrained every K sessions (default 5).")
    Integer retrainEvery;

    @Option(names = "--min-train-sessions", paramLabel = "M",
            description = "Walk-forward: sessions that must precede a test session; earlier ones are burn-in (default 20).")
    Integer minTrainSessions;

    @Option(names = "--threads", paramLabel = "N", description = "Walk-forward: folds trained at once (default: the "
            + "available cores; each fold runs PyTorch on one thread).")
    Integer threads;

    @Option(names = "--no-pricing", description = "Walk-forward: skip pricing the next sessions' listed options.")
    boolean noPricing;

    // Listed here for --help; ./volsurf hands a command line with --spark to scripts/spark-evaluate before this runs.
    @Option(names = "--spark", paramLabel = "MASTER", description = "Walk-forward on Apache Spark instead, one task "
            + "per fold (local[2], spark://host:7077, yarn, k8s://...); needs --db-url. See docs/spark.md.")
    String spark;

    @Mixin
    ForecasterConfigOptions forecasterConfig;

    private final ForecastingService service;
    private final WalkForwardEvaluation walkForwardEvaluation;
    private final Config appConfig;

    public EvaluateCommand(ForecastingService service, WalkForwardEvaluation walkForwardEvaluation, Config appConfig) {
        this.service = service;
        this.walkForwardEvaluation = walkForwardEvaluation;
        this.appConfig = appConfig;
    }

    @Override
    public void run() {
        if (spark != null) {
            throw new IllegalArgumentException("--spark runs through ./volsurf (scripts/spark-evaluate), not the "
                    + "application jar alone");
        }
        if (walkForward) {
            runWalkForward();
            return;
        }
        List<String> misplaced = walkForwardOnlyFlags();
        if (!misplaced.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", misplaced) + ": for --walk-forward only");
        }
        if (modelDir == null) {
            throw new IllegalArgumentException("--model-dir is required (a model written by train), or use --walk-forward");
        }
        if (from == null) {
            throw new IllegalArgumentException("--from is required without --walk-forward");
        }
        LocalDate f = DateRange.parse("--from", from);
        LocalDate t = DateRange.parse("--to", to);
        DateRange.ordered(f, t);
        GridRequest grid = forecasterConfig.gridRequest("evaluate");
        var tickers = TickerSelection.resolve(ticker, service::storedTickers);
        ForecastingService.EvaluateOutcome outcome = service.evaluate(tickers, modelDir, f, t, grid);
        EvaluationReport r = outcome.report();
        Output out = new Output(common.json);
        Map<String, Object> doc = new LinkedHashMap<>(Output.mapper().convertValue(r, Map.class));
        doc.put("modelId", outcome.modelId());
        doc.put("evaluationId", outcome.evaluationId());
        doc.put("gridSpec", outcome.grid());
        out.document(doc);
        double cf = r.baselines().containsKey("carryForward") ? r.baselines().get("carryForward").rmseVolPoints()
                : Double.NaN;
        out.linef("model %s on %s, %d forecast sessions (%s to %s)", outcome.modelId(), tickers, r.sessions(), f, t);
        if (!grid.isEmpty()) {
            out.linef("scored on the grid %s (the model's forecasts read there)", outcome.grid());
        }
        out.linef("%-24s %10s %10s %12s %8s   %s", "forecaster", "RMSE vol", "vs carry", "RMSE w", "MAPE %",
                "DM vs carry (p)");
        row(out, "model", r.model(), cf, r.dieboldMariano());
        r.baselines().forEach((name, s) -> row(out, name, s, cf, r.baselinesVsCarryForward().get(name)));
        if (r.dieboldMariano() != null) {
            out.linef("Diebold-Mariano vs carry-forward: statistic %.3f, p-value %.3f (%d sessions; negative favours "
                    + "the model)", r.dieboldMariano().statistic(), r.dieboldMariano().pValue(),
                    r.dieboldMariano().sessions());
        } else {
            out.line("Diebold-Mariano: not computed (fewer than 3 forecast sessions)");
        }
        if (r.dieboldMarianoByDate() != null) {
            out.linef("  on the per-date loss averaged across tickers (%d dates): statistic %.3f, p-value %.3f",
                    r.dieboldMarianoByDate().sessions(), r.dieboldMarianoByDate().statistic(),
                    r.dieboldMarianoByDate().pValue());
        }
        if (r.dieboldMarianoVsBest() != null) {
            out.linef("Diebold-Mariano vs the best baseline (%s)%s: statistic %.3f, p-value %.3f (%d sessions)",
                    r.bestBaseline(), r.dieboldMarianoByDate() != null ? ", per date" : "",
                    r.dieboldMarianoVsBest().statistic(), r.dieboldMarianoVsBest().pValue(),
                    r.dieboldMarianoVsBest().sessions());
        }
        out.linef("arbitrage violations: %d before the projector, %d after", r.arbitrage().before(), r.arbitrage().after());
        if (r.model().pricing() != null) {
            OptionPricingError p = r.model().pricing();
            out.linef("next session's listed options (%d out of the money inside the grid), priced at each forecast "
                    + "with the realised forward:", p.options());
            out.linef("  %-24s %12s %14s %16s", "forecaster", "RMSE USD", "MAE bp of F", "inside bid-ask");
            pricingRow(out, "model", p);
            r.baselines().forEach((name, s) -> pricingRow(out, name, s.pricing()));
        }
        out.line("RMSE by tenor (vol points):");
        for (BucketError b : r.model().byTenor()) {
            StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "  %-8s model %6.3f", b.bucket(),
                    b.rmseVolPoints()));
            r.baselines().forEach((name, s) -> s.byTenor().stream().filter(x -> x.bucket().equals(b.bucket())).findFirst()
                    .ifPresent(x -> sb.append(String.format(java.util.Locale.ROOT, "  %s %6.3f", name, x.rmseVolPoints()))));
            out.line(sb.toString());
        }
    }

    private List<String> walkForwardOnlyFlags() {
        List<String> given = new ArrayList<>();
        if (retrainEvery != null) {
            given.add("--retrain-every");
        }
        if (minTrainSessions != null) {
            given.add("--min-train-sessions");
        }
        if (threads != null) {
            given.add("--threads");
        }
        if (noPricing) {
            given.add("--no-pricing");
        }
        if (forecasterConfig.config != null) {
            given.add("--config");
        }
        // the grid keys choose the grid evaluate scores on; the others are training settings
        if (forecasterConfig.overrides.stream().anyMatch(kv -> !GridSpecKeys.ALL.contains(
                kv.substring(0, Math.max(0, kv.indexOf('='))).trim().toLowerCase(Locale.ROOT).replace('-', '_')))) {
            given.add("--set");
        }
        return given;
    }

    /** The fold's training config: the model directory's, or --config/--set over the defaults as train resolves it. */
    private ForecasterConfig walkForwardConfig() {
        if (modelDir == null) {
            return forecasterConfig.resolve(appConfig, List.of(), List.of());
        }
        if (forecasterConfig.given()) {
            throw new IllegalArgumentException("--model-dir " + modelDir + " gives the whole training config; use "
                    + "--config/--set without --model-dir to change it (--grid-spec too)");
        }
        Path file = modelDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--model-dir " + modelDir + ": no config.json (a directory written by train)");
        }
        try {
            return ForecasterConfig.fromJson(Files.readString(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--model-dir " + modelDir + ": cannot read config.json: " + e.getMessage(), e);
        }
    }

    private void runWalkForward() {
        LocalDate f = from == null ? null : DateRange.parse("--from", from);
        LocalDate t = DateRange.parse("--to", to);
        if (f != null) {
            DateRange.ordered(f, t);
        }
        int k = retrainEvery == null ? 5 : retrainEvery;
        int m = minTrainSessions == null ? 20 : minTrainSessions;
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (k < 1) {
            throw new IllegalArgumentException("--retrain-every must be >= 1, got " + k);
        }
        if (m < 2) {
            throw new IllegalArgumentException("--min-train-sessions must be >= 2, got " + m);
        }
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + n);
        }
        ForecasterConfig cfg = walkForwardConfig();
        List<String> tickers = TickerSelection.resolve(ticker, service::storedTickers);
        WalkForwardEvaluation.Request request = new WalkForwardEvaluation.Request(tickers, f, t, k, m, cfg, n, !noPricing);
        WalkForwardEvaluation.Outcome outcome;
        try (Progress bar = Progress.start("walk-forward folds", 1)) {
            outcome = walkForwardEvaluation.run(request, (s, done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done, String.format(Locale.ROOT, "fold %d (test %s..%s) %.0f s", s.fold(), s.testFrom(),
                        s.testTo(), s.seconds()));
            });
        }
        WalkForward.Result result = outcome.result();
        WalkForward.Plan plan = result.plan();
        EvaluationReport r = result.scored().report();
        WalkForwardStatistics stats = outcome.statistics();
        Output out = new Output(common.json);
        out.document(WalkForwardDocument.of(Output.mapper(), result, stats, n, outcome.wallSeconds(), cfg));

        double cf = r.baselines().containsKey("carryForward") ? r.baselines().get("carryForward").rmseVolPoints()
                : Double.NaN;
        out.linef("walk-forward on %s: %d test sessions %s..%s (%d pairs) in %d folds of %d, each trained on the "
                + "sessions before it (at least %d); %d threads, %.0f s", tickers, plan.testDates().size(),
                plan.testDates().get(0), plan.testDates().get(plan.testDates().size() - 1), r.sessions(),
                plan.folds().size(), k, m, n, outcome.wallSeconds());
        if (!plan.burnIn().isEmpty()) {
            out.linef("burn-in (fewer than %d earlier sessions, not scored): %d sessions %s..%s", m,
                    plan.burnIn().size(), plan.burnIn().get(0), plan.burnIn().get(plan.burnIn().size() - 1));
        }
        out.linef("%-5s %-23s %8s %7s  %-23s %6s %8s %8s", "fold", "training targets", "sessions", "pairs", "test",
                "pairs", "epochs", "seconds");
        for (WalkForward.FoldSummary s : result.folds()) {
            out.linef("%-5d %-23s %8d %7d  %-23s %6d %8s %8.1f", s.fold(), s.trainFrom() + ".." + s.trainTo(),
                    s.trainSessions(), s.trainPairs(), s.testFrom() + ".." + s.testTo(), s.testPairs(),
                    s.epochsRun() == null ? "-" : s.bestEpoch() + "/" + s.epochsRun(), s.seconds());
        }
        out.linef("%-24s %10s %10s %12s %8s   %s", "forecaster", "RMSE vol", "vs carry", "RMSE w", "MAPE %",
                "DM vs carry (p)");
        row(out, "model", r.model(), cf, r.dieboldMariano());
        r.baselines().forEach((name, s) -> row(out, name, s, cf, r.baselinesVsCarryForward().get(name)));
        if (r.dieboldMarianoByDate() != null) {
            out.linef("Diebold-Mariano on the per-date loss averaged across tickers (%d dates; negative favours the "
                    + "model): vs carry-forward %.3f (p %.3f)", r.dieboldMarianoByDate().sessions(),
                    r.dieboldMarianoByDate().statistic(), r.dieboldMarianoByDate().pValue());
        }
        if (r.dieboldMarianoVsBest() != null) {
            out.linef("Diebold-Mariano vs the best baseline (%s): %.3f (p %.3f, %d sessions)", r.bestBaseline(),
                    r.dieboldMarianoVsBest().statistic(), r.dieboldMarianoVsBest().pValue(),
                    r.dieboldMarianoVsBest().sessions());
        }
        interval(out, "model / " + r.bestBaseline(), stats.rmseRatioVsBest());
        interval(out, "model / carryForward", stats.rmseRatioVsCarryForward());
        table(out, "RMSE by tenor (vol points)", stats.byTenor());
        table(out, "RMSE by gap to the forecast session (vol points)", stats.byGap());
        out.linef("arbitrage violations: %d before the projector, %d after", r.arbitrage().before(), r.arbitrage().after());
    }

    private static void interval(Output out, String what, BootstrapInterval b) {
        if (b != null) {
            out.linef("RMSE ratio %s: %.3f, %.0f%% moving-block bootstrap interval [%.3f, %.3f] (%d dates, blocks of %d, "
                    + "%d resamples, seed %d)", what, b.estimate(), 100 * b.level(), b.lower(), b.upper(), b.sessions(),
                    b.blockLength(), b.replications(), b.seed());
        }
    }

    private static void table(Output out, String title, List<BucketComparison> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.line(title + ":");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-20s %7s", "", "pairs"));
        rows.get(0).rmseVolPoints().keySet().forEach(name -> head.append(String.format(Locale.ROOT, " %13s",
                name.length() > 13 ? name.substring(0, 13) : name)));
        head.append(String.format(Locale.ROOT, " %8s  %s", "vs best", "best here (ratio)"));
        out.line(head.toString());
        for (BucketComparison b : rows) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-20s %7s", b.bucket(),
                    b.pairs() == null ? "" : b.pairs().toString()));
            b.rmseVolPoints().values().forEach(v -> sb.append(String.format(Locale.ROOT, " %13.3f", v)));
            sb.append(String.format(Locale.ROOT, " %8s  %s (%s)", ratio(b.vsBest()), b.bestInBucket(),
                    ratio(b.vsBestInBucket())));
            out.line(sb.toString());
        }
    }

    private static String ratio(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.3f", r);
    }

    private static void pricingRow(Output out, String name, OptionPricingError p) {
        if (p == null) {
            return;
        }
        String inside = p.shareInsideBidAsk() == null ? "no spreads"
                : String.format(java.util.Locale.ROOT, "%.1f%% of %d", 100 * p.shareInsideBidAsk(), p.withSpread());
        out.linef("  %-24s %12.4f %14.2f %16s", name, p.rmseUsd(), p.maeBpOfForward(), inside);
    }

    private static void row(Output out, String name, ErrorSummary s, double carry, DieboldMarianoResult dm) {
        String test = dm == null ? "" : String.format(java.util.Locale.ROOT, "   %+.2f (%.3f)", dm.statistic(),
                dm.pValue());
        out.linef("%-24s %10.3f %10.3f %12.6f %8.2f%s", name, s.rmseVolPoints(), s.rmseVolPoints() / carry,
                s.rmseTotalVariance(), s.mape(), test);
    }
}
