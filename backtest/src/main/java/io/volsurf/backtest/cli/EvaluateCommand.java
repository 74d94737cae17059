package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.forecasting.TickerSelection;
import io.volsurf.forecaster.eval.BucketError;
import io.volsurf.forecaster.eval.DieboldMarianoResult;
import io.volsurf.forecaster.eval.ErrorSummary;
import io.volsurf.forecaster.eval.EvaluationReport;
import io.volsurf.forecaster.eval.OptionPricingError;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf evaluate}: the model against the baselines on sessions it never saw. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Forecast metrics of a trained model against the baselines (carry-forward, sticky-expiry, "
                + "mean-reverting drift, linear) on the next session's observed cells: RMSE in vol points and total "
                + "variance, MAPE, by tenor and moneyness; Diebold-Mariano tests of the model and of each baseline "
                + "against carry-forward (the model's also on the per-date loss averaged across tickers); arbitrage "
                + "violations before and after the projector; the next session's listed options priced at each "
                + "forecast with the realised forward (RMSE in USD, MAE in bp of the forward, share inside bid-ask "
                + "where the data has spreads). Per-cell errors are stored (view forecast_error_by_bucket)."},
        footer = {"", "Example:", "  ./volsurf evaluate --ticker all --model-dir models/us --from 2026-07-27 --to 2026-08-21"})
public final class EvaluateCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--ticker", required = true, paramLabel = "X", description = "A ticker, a comma-separated list, or all.")
    String ticker;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "A model written by train.")
    Path modelDir;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First forecast session (ISO date).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last forecast session (ISO date).")
    String to;

    private final ForecastingService service;

    public EvaluateCommand(ForecastingService service) {
        this.service = service;
    }

    @Override
    public void run() {
        LocalDate f = DateRange.parse("--from", from);
        LocalDate t = DateRange.parse("--to", to);
        DateRange.ordered(f, t);
        var tickers = TickerSelection.resolve(ticker, service::storedTickers);
        ForecastingService.EvaluateOutcome outcome = service.evaluate(tickers, modelDir, f, t);
        EvaluationReport r = outcome.report();
        Output out = new Output(common.json);
        Map<String, Object> doc = new LinkedHashMap<>(Output.mapper().convertValue(r, Map.class));
        doc.put("modelId", outcome.modelId());
        doc.put("evaluationId", outcome.evaluationId());
        out.document(doc);
        double cf = r.baselines().containsKey("carryForward") ? r.baselines().get("carryForward").rmseVolPoints()
                : Double.NaN;
        out.linef("model %s on %s, %d forecast sessions (%s to %s)", outcome.modelId(), tickers, r.sessions(), f, t);
        out.linef("%-14s %10s %10s %12s %8s   %s", "forecaster", "RMSE vol", "vs carry", "RMSE w", "MAPE %",
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
            out.linef("Diebold-Mariano vs the best baseline (%s): statistic %.3f, p-value %.3f", r.bestBaseline(),
                    r.dieboldMarianoVsBest().statistic(), r.dieboldMarianoVsBest().pValue());
        }
        out.linef("arbitrage violations: %d before the projector, %d after", r.arbitrage().before(), r.arbitrage().after());
        if (r.model().pricing() != null) {
            OptionPricingError p = r.model().pricing();
            out.linef("next session's listed options (%d out of the money inside the grid), priced at each forecast "
                    + "with the realised forward:", p.options());
            out.linef("  %-14s %12s %14s %16s", "forecaster", "RMSE USD", "MAE bp of F", "inside bid-ask");
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

    private static void pricingRow(Output out, String name, OptionPricingError p) {
        if (p == null) {
            return;
        }
        String inside = p.shareInsideBidAsk() == null ? "no spreads"
                : String.format(java.util.Locale.ROOT, "%.1f%% of %d", 100 * p.shareInsideBidAsk(), p.withSpread());
        out.linef("  %-14s %12.4f %14.2f %16s", name, p.rmseUsd(), p.maeBpOfForward(), inside);
    }

    private static void row(Output out, String name, ErrorSummary s, double carry, DieboldMarianoResult dm) {
        String test = dm == null ? "" : String.format(java.util.Locale.ROOT, "   %+.2f (%.3f)", dm.statistic(),
                dm.pValue());
        out.linef("%-14s %10.3f %10.3f %12.6f %8.2f%s", name, s.rmseVolPoints(), s.rmseVolPoints() / carry,
                s.rmseTotalVariance(), s.mape(), test);
    }
}
