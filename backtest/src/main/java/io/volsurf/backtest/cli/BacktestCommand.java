package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.db.market.TickerSelection;
import io.volsurf.backtest.runner.BacktestService;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.strategy.backtest.BacktestSummary;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import io.volsurf.strategy.config.StrategySettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf backtest}: a hedged option strategy trading on the forecast, stored session by session. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Run and store a backtest: at each close, trade the listed contracts whose forecast IV for the next "
                + "session beats the market IV by more than the half-spread plus a threshold (long where the forecast "
                + "is higher), size by vega budget, hedge daily (delta with the underlying, or delta-gamma with a second "
                + "option), and attribute each day's PnL to delta, gamma, vega, theta and a residual, with vega split into "
                + "what the forecast predicted and the forecast error.",
            "US data has last prices only: fills are modelled at price +/- an assumed half-spread (said in every report); "
                    + "Deribit fills at its bid and ask. A failed run keeps every completed session; --resume finishes it."},
        footer = {"", "Examples:",
            "  ./volsurf backtest --ticker SPY --strategy delta --model-dir models/us --from 2026-07-27 --to 2026-08-21",
            "  ./volsurf backtest --ticker BTC --strategy delta-gamma --model-dir models/btc --from 2026-08-01 --to 2026-08-22 --threshold 1.5",
            "  ./volsurf backtest --ticker SPY --strategy delta --model-dir models/us --from 2026-07-27 --to 2026-08-21 \\",
            "      --set american_engine=fd --set half_spread.fraction_of_price=0.03 --config settings.properties",
            "  ./volsurf backtest --resume 12",
            "  ./volsurf backtest --ticker SPY,QQQ --model-dir models/us --from 2026-07-27 --to 2026-08-21 \\",
            "      --sweep strategy=delta,delta-gamma --sweep threshold_vol_points=0.5,1,2",
            "  ./volsurf backtest --resume-sweep 3",
            "",
            "Settings (--set KEY=VALUE, --config FILE, volsurf.strategy.KEY in application.properties; later wins):",
            "  every StrategyConfig field in snake_case: docs/backtest-settings.md lists them (a bad key lists them too)"})
public final class BacktestCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Mixin
    StrategyConfigOptions settings;

    @Option(names = "--ticker", paramLabel = "X", description = "One ticker (or a comma-separated list: one run each).")
    String ticker;

    @Option(names = "--strategy", paramLabel = "S", description = "delta or delta-gamma.")
    String strategy;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "A model written by train.")
    Path modelDir;

    @Option(names = "--from", paramLabel = "DATE", description = "First session (ISO date).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last session (ISO date).")
    String to;

    @Option(names = "--threshold", paramLabel = "VOLPTS",
            description = "Entry gap over the half-spread, in vol points (alias of --set threshold_vol_points=).")
    Double threshold;

    @Option(names = "--straddles", description = "Trade straddles instead of single options (alias of --set instrument=straddle).")
    boolean straddles;

    @Option(names = "--resume", paramLabel = "RUN", description = "Resume a failed run after its last stored session, "
            + "with the stored run's ticker, strategy, model, period and settings (nothing else needed; anything "
            + "given must equal the stored run's).")
    Long resume;

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2,...", description = "Run the cartesian grid of these values "
            + "(repeatable; any --set key, or ticker or strategy) as one sweep of stored runs, in parallel.")
    List<String> sweep = new java.util.ArrayList<>();

    @Option(names = "--resume-sweep", paramLabel = "ID", description = "Finish an interrupted sweep: completed runs "
            + "stay, failed ones are resumed, missing ones run.")
    Long resumeSweep;

    @Option(names = "--sweep-threads", paramLabel = "N", description = "Runs of a sweep at a time (default: the "
            + "machine's cores).")
    Integer sweepThreads;

    private final BacktestService service;
    private final ForecastingService forecasting;
    private final Config appConfig;

    public BacktestCommand(BacktestService service, ForecastingService forecasting, Config appConfig) {
        this.service = service;
        this.forecasting = forecasting;
        this.appConfig = appConfig;
    }

    @Override
    public void run() {
        HedgeMode mode = strategy == null ? null : parseStrategy(strategy);
        LocalDate f = from == null ? null : DateRange.parse("--from", from);
        LocalDate t = to == null ? null : DateRange.parse("--to", to);
        if (f != null && t != null) {
            DateRange.ordered(f, t);
        }
        Output out = new Output(common.json);
        List<Map<String, Object>> docs = new java.util.ArrayList<>();
        int threads = sweepThreads == null ? Runtime.getRuntime().availableProcessors() : sweepThreads;
        if (threads < 1) {
            throw new IllegalArgumentException("--sweep-threads must be >= 1, got " + threads);
        }
        if (resumeSweep != null) {
            if (resume != null || !sweep.isEmpty()) {
                throw new IllegalArgumentException("--resume-sweep takes no --resume or --sweep: the sweep's stored grid "
                        + "and arguments are used");
            }
            printSweep(out, service.resumeSweep(resumeSweep, threads, m -> out.err().println("  " + m)));
            return;
        }
        if (!sweep.isEmpty()) {
            if (resume != null) {
                throw new IllegalArgumentException("--sweep and --resume do not combine (--resume-sweep ID finishes a sweep)");
            }
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (String kv : sweep) {
                int eq = kv.indexOf('=');
                if (eq <= 0 || eq == kv.length() - 1) {
                    throw new IllegalArgumentException("--sweep expects key=v1,v2,..., got '" + kv + "'");
                }
                String key = kv.substring(0, eq).trim();
                List<String> vs = java.util.Arrays.stream(kv.substring(eq + 1).split(",")).map(String::trim)
                        .filter(v -> !v.isEmpty()).toList();
                if (values.put(key, vs) != null) {
                    throw new IllegalArgumentException("--sweep " + key + " given twice");
                }
            }
            String baseTicker = ticker;
            if (ticker != null && !values.containsKey("ticker")) {
                // --ticker A,B (or all) with --sweep: the tickers are the grid's first (slowest) dimension
                List<String> tickers = TickerSelection.resolve(ticker, forecasting::storedTickers);
                if (tickers.size() > 1) {
                    Map<String, List<String>> withTickers = new LinkedHashMap<>();
                    withTickers.put("ticker", tickers);
                    withTickers.putAll(values);
                    values = withTickers;
                    baseTicker = null;
                } else {
                    baseTicker = tickers.get(0);
                }
            }
            List<String> missing = new java.util.ArrayList<>();
            if (ticker == null && !values.containsKey("ticker")) {
                missing.add("--ticker");
            }
            if (strategy == null && !values.containsKey("strategy")) {
                missing.add("--strategy");
            }
            for (String[] o : new String[][] {{"--from", from}, {"--to", to},
                    {"--model-dir", modelDir == null ? null : modelDir.toString()}}) {
                if (o[1] == null) {
                    missing.add(o[0]);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("missing " + String.join(", ", missing) + " for the sweep");
            }
            Map<String, String> given = withAliases(settings.settings(appConfig));
            printSweep(out, service.sweep(new BacktestService.SweepBase(baseTicker, mode, modelDir, f, t, given), values,
                    threads, m -> out.err().println("  " + m)));
            return;
        }
        if (resume != null) {
            // only what the command line gave: a resume runs with the stored settings, and checks these against them
            Map<String, String> given = withAliases(settings.settings(null));
            BacktestService.RunOutcome o;
            try (Progress bar = Progress.start("backtest run " + resume, 1)) {
                o = service.resume(resume, new BacktestService.ResumeArguments(ticker, mode, modelDir, f, t, given),
                        d -> bar.step(d.toString()));
            }
            report(out, docs, o);
            out.document(docs.get(0));
            out.line("next: ./volsurf report --run " + o.runId());
            return;
        }
        List<String> missing = new java.util.ArrayList<>();
        for (String[] o : new String[][] {{"--ticker", ticker}, {"--strategy", strategy}, {"--from", from},
                {"--to", to}, {"--model-dir", modelDir == null ? null : modelDir.toString()}}) {
            if (o[1] == null) {
                missing.add(o[0]);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + String.join(", ", missing)
                    + " (required for a new run; --resume RUN needs none of them)");
        }
        Map<String, String> given = withAliases(settings.settings(appConfig));
        String hedge = given.get("hedge_mode");
        if (hedge != null && !hedge.trim().replace('-', '_').equalsIgnoreCase(mode.name())) {
            throw new IllegalArgumentException("--strategy " + strategy + " and hedge_mode=" + hedge + " disagree");
        }
        List<String> tickers = TickerSelection.resolve(ticker, forecasting::storedTickers);
        for (String tk : tickers) {
            boolean crypto = TradingCalendar.tradesEveryDay(forecasting.sessions(tk));
            StrategyConfig config = StrategySettings.apply(BacktestService.defaultsFor(crypto, mode), given);
            BacktestService.RunOutcome o;
            try (Progress bar = Progress.start("backtest " + tk, 1)) {
                o = service.run(tk, config, modelDir, f, t, null, d -> bar.step(d.toString()));
            }
            report(out, docs, o);
        }
        out.document(docs.size() == 1 ? docs.get(0) : Map.of("runs", docs));
        out.line("next: ./volsurf report --run <id>");
    }

    private static void printSweep(Output out, BacktestService.SweepOutcome o) {
        List<Map<String, Object>> runs = new java.util.ArrayList<>();
        long failed = 0;
        out.linef("sweep %d: %d runs", o.sweepId(), o.runs().size());
        for (BacktestService.SweepRunOutcome r : o.runs()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runId", r.runId());
            doc.put("settings", r.settings());
            doc.put("status", r.status());
            doc.put("totalPnl", r.totalPnl());
            doc.put("sharpe", r.sharpe());
            doc.put("maxDrawdown", r.maxDrawdown());
            if (r.error() != null) {
                doc.put("error", r.error());
                failed++;
            }
            runs.add(doc);
            out.linef("  run %-6s %-10s %s%s", r.runId() == null ? "-" : r.runId(), r.status(), r.settings(),
                    r.totalPnl() == null ? (r.error() == null ? "" : ": " + r.error())
                            : String.format(java.util.Locale.ROOT, "  PnL %.2f, Sharpe %.2f, max DD %.2f", r.totalPnl(),
                                    r.sharpe(), r.maxDrawdown()));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sweepId", o.sweepId());
        doc.put("runs", runs);
        out.document(doc);
        out.linef("select * from sweep_summary where sweep_id = %d;", o.sweepId());
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + o.runs().size() + " runs of sweep " + o.sweepId()
                    + " failed; --resume-sweep " + o.sweepId() + " finishes them");
        }
    }

    private static HedgeMode parseStrategy(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "delta" -> HedgeMode.DELTA;
            case "delta-gamma", "deltagamma", "delta_gamma" -> HedgeMode.DELTA_GAMMA;
            default -> throw new IllegalArgumentException("--strategy must be delta or delta-gamma, got '" + text + "'");
        };
    }

    /** --threshold and --straddles as the settings they stand for (they win over --set, as later arguments). */
    private Map<String, String> withAliases(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>(in);
        if (threshold != null) {
            out.put("threshold_vol_points", Double.toString(threshold));
        }
        if (straddles) {
            out.put("instrument", "straddle");
        }
        return out;
    }

    private void report(Output out, List<Map<String, Object>> docs, BacktestService.RunOutcome o) {
        {
            BacktestSummary s = o.summary();
            StrategyConfig config = service.runConfig(o.runId());
            String tk = s.ticker();
            String strategy = BacktestService.strategyLabel(config.hedgeMode());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runId", o.runId());
            doc.put("status", o.status());
            doc.put("sessions", s.sessions());
            doc.put("totalPnl", s.totalPnl());
            doc.put("sharpe", s.sharpe());
            doc.put("maxDrawdown", s.maxDrawdown());
            doc.put("ticker", tk);
            doc.put("strategy", strategy);
            doc.put("halfSpreadSource", PnlSources.halfSpreadSource(s.fillsQuoted(), s.fillsAssumed()));
            doc.put("summary", s);
            doc.put("config", StrategySettings.values(config));
            docs.add(doc);
            out.linef("run %d %s: %s %s, %d sessions %s..%s", o.runId(), o.status(), tk, strategy, s.sessions(),
                    s.firstSession(), s.lastSession());
            out.linef("  total PnL %.2f USD, Sharpe %.2f, max drawdown %.2f, hedging-error std %.2f, trades %d, turnover %.0f",
                    s.totalPnl(), s.sharpe(), s.maxDrawdown(), s.hedgeErrorStd(), s.trades(), s.turnoverUsd());
            out.linef("  attribution: delta %.2f, gamma %.2f, vega %.2f, theta %.2f, residual %.2f (max identity error %.1e)",
                    s.deltaPnl(), s.gammaPnl(), s.vegaPnl(), s.thetaPnl(), s.residualPnl(), s.maxIdentityError());
            out.linef("  daily PnL std: hedged %.2f vs unhedged %.2f", s.hedgedPnlStd(), s.unhedgedPnlStd());
            for (String line : PnlSources.lines(s)) {
                out.line("  " + line);
            }
            if (s.trades() == 0) {
                out.linef("  no trades: on no session did a contract's forecast IV differ from its market IV by more "
                        + "than its half-spread plus the threshold (%.2f vol points); a forecast close to the "
                        + "market has no edge to trade%s", config.thresholdVolPoints(),
                        config.thresholdVolPoints() > 0 ? " (--threshold lowers the bar)" : "");
            }
            String source = PnlSources.halfSpreadSource(s.fillsQuoted(), s.fillsAssumed());
            out.linef("  fills: %d at quoted bid/ask, %d modelled; half-spread %s%s", s.fillsQuoted(), s.fillsAssumed(),
                    source == null ? "(no option fills)" : source,
                    s.fillDisclosure() == null ? "" : " (" + s.fillDisclosure() + ")");
            out.linef("  settings: threshold %.2f vol pts, hedge %s at the %s IV, %s exercise%s, early exercise %s%s",
                    config.thresholdVolPoints(), strategy, config.hedgeVolSource().name().toLowerCase(java.util.Locale.ROOT),
                    config.exerciseStyle().name().toLowerCase(java.util.Locale.ROOT),
                    config.exerciseStyle() == io.volsurf.strategy.config.ExerciseStyleRule.AMERICAN
                            ? " priced by " + (config.americanPricing() == io.volsurf.strategy.config.AmericanPricing.AMERICAN_ENGINE
                                    ? config.americanEngine().label() : "Black-Scholes (as European)") : "",
                    config.earlyExercise().name().toLowerCase(java.util.Locale.ROOT),
                    s.earlyExercises() > 0 ? " (" + s.earlyExercises() + " early exercises/assignments)" : "");
        }
    }
}
