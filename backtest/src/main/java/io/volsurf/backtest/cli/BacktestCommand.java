package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.forecasting.TickerSelection;
import io.volsurf.backtest.runner.BacktestService;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.strategy.backtest.BacktestSummary;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            "  ./volsurf backtest --resume 12 --ticker SPY --strategy delta --model-dir models/us --from 2026-07-27 --to 2026-08-21"})
public final class BacktestCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--ticker", required = true, paramLabel = "X", description = "One ticker (or a comma-separated list: one run each).")
    String ticker;

    @Option(names = "--strategy", required = true, paramLabel = "S", description = "delta or delta-gamma.")
    String strategy;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "A model written by train.")
    Path modelDir;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First session (ISO date).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last session (ISO date).")
    String to;

    @Option(names = "--threshold", paramLabel = "VOLPTS", description = "Entry gap over the half-spread, in vol points (default: the venue's).")
    Double threshold;

    @Option(names = "--straddles", description = "Trade straddles instead of single options.")
    boolean straddles;

    @Option(names = "--resume", paramLabel = "RUN", description = "Resume a failed run after its last stored session.")
    Long resume;

    private final BacktestService service;
    private final ForecastingService forecasting;

    public BacktestCommand(BacktestService service, ForecastingService forecasting) {
        this.service = service;
        this.forecasting = forecasting;
    }

    @Override
    public void run() {
        HedgeMode mode = switch (strategy.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "delta" -> HedgeMode.DELTA;
            case "delta-gamma", "deltagamma", "delta_gamma" -> HedgeMode.DELTA_GAMMA;
            default -> throw new IllegalArgumentException("--strategy must be delta or delta-gamma, got '" + strategy + "'");
        };
        LocalDate f = DateRange.parse("--from", from);
        LocalDate t = DateRange.parse("--to", to);
        DateRange.ordered(f, t);
        List<String> tickers = TickerSelection.resolve(ticker, forecasting::storedTickers);
        Output out = new Output(common.json);
        List<Map<String, Object>> docs = new java.util.ArrayList<>();
        for (String tk : tickers) {
            boolean crypto = TradingCalendar.tradesEveryDay(forecasting.sessions(tk));
            StrategyConfig.Builder b = BacktestService.defaultsFor(crypto, mode).toBuilder();
            if (threshold != null) {
                b.thresholdVolPoints(threshold);
            }
            if (straddles) {
                b.instrument(io.volsurf.strategy.config.InstrumentKind.STRADDLE);
            }
            StrategyConfig config = b.build();
            BacktestService.RunOutcome o;
            try (Progress bar = Progress.start("backtest " + tk, 1)) {
                o = service.run(tk, config, modelDir, f, t, resume, d -> bar.step(d.toString()));
            }
            BacktestSummary s = o.summary();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runId", o.runId());
            doc.put("status", o.status());
            doc.put("sessions", s.sessions());
            doc.put("totalPnl", s.totalPnl());
            doc.put("sharpe", s.sharpe());
            doc.put("maxDrawdown", s.maxDrawdown());
            doc.put("ticker", tk);
            doc.put("strategy", strategy);
            doc.put("summary", s);
            docs.add(doc);
            out.linef("run %d %s: %s %s, %d sessions %s..%s", o.runId(), o.status(), tk, strategy, s.sessions(),
                    s.firstSession(), s.lastSession());
            out.linef("  total PnL %.2f USD, Sharpe %.2f, max drawdown %.2f, hedging-error std %.2f, trades %d, turnover %.0f",
                    s.totalPnl(), s.sharpe(), s.maxDrawdown(), s.hedgeErrorStd(), s.trades(), s.turnoverUsd());
            out.linef("  attribution: delta %.2f, gamma %.2f, vega %.2f, theta %.2f, residual %.2f (max identity error %.1e)",
                    s.deltaPnl(), s.gammaPnl(), s.vegaPnl(), s.thetaPnl(), s.residualPnl(), s.maxIdentityError());
            out.linef("  daily PnL std: hedged %.2f vs unhedged %.2f", s.hedgedPnlStd(), s.unhedgedPnlStd());
            if (s.trades() == 0) {
                out.linef("  no trades: on no session did a contract's forecast IV differ from its market IV by more "
                        + "than its half-spread plus the threshold (%.2f vol points); a forecast close to the "
                        + "market has no edge to trade%s", config.thresholdVolPoints(),
                        config.thresholdVolPoints() > 0 ? " (--threshold lowers the bar)" : "");
            }
            out.linef("  fills: %d at quoted bid/ask, %d modelled%s", s.fillsQuoted(), s.fillsAssumed(),
                    s.fillDisclosure() == null ? "" : " (" + s.fillDisclosure() + ")");
        }
        out.document(docs.size() == 1 ? docs.get(0) : Map.of("runs", docs));
        out.line("next: ./volsurf report --run <id>");
    }
}
