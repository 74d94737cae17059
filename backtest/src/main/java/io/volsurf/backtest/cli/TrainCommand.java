package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.db.market.TickerSelection;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.TrainingSummary;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf train}: the forecaster on stored surfaces, pooled across tickers. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the next-day surface forecaster (spatiotemporal transformer with SVI and grid heads) on "
                + "stored surfaces, pooled across tickers; the last part of the period is the time-ordered validation "
                + "slice for early stopping. Writes a model directory (parameters, config, normalisation, metrics, "
                + "SHA-256 manifest).",
            "Configuration: --set key=value, then --grid-spec FILE, then --config FILE, then volsurf.forecaster.* "
                    + "settings, then defaults. Keys: use_svi_head, use_grid_head, informer_mode, blend (svi|grid|blend), "
                    + "loss_weights.{data,noarb,temporal,smooth,bid_ask}, features (gap,rolldown,event), N, d_model, "
                    + "heads, layers, epochs, patience, lr, seed; the grid: grid_tenors (calendar days), grid_knots, "
                    + "grid_moneyness (log|atm_std). Stored sessions are re-gridded from their SVI fits; the model "
                    + "records its grid in config.json."},
        footer = {"", "Examples:", "  ./volsurf train --ticker SPY,QQQ --from 2026-05-26 --to 2026-07-24 --model-dir models/us",
            "  ./volsurf train --ticker all --from 2026-05-26 --to 2026-07-24 --model-dir models/informer "
                    + "--set informer_mode=true --set N=10",
            "  ./volsurf train --ticker all --from 2026-05-26 --to 2026-07-24 --model-dir models/log "
                    + "--set grid_tenors=7,14,30,60,91,182 --set grid_knots=-0.2,-0.1,0,0.1,0.2 --set grid_moneyness=log"})
public final class TrainCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--ticker", required = true, paramLabel = "X", description = "A ticker, a comma-separated list, or all.")
    String ticker;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First target session (ISO date).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last target session (ISO date).")
    String to;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "Where the model is written.")
    Path modelDir;

    @Mixin
    ForecasterConfigOptions forecasterConfig;

    private final ForecastingService service;
    private final Config appConfig;

    public TrainCommand(ForecastingService service, Config appConfig) {
        this.service = service;
        this.appConfig = appConfig;
    }

    @Override
    public void run() {
        LocalDate f = DateRange.parse("--from", from);
        LocalDate t = DateRange.parse("--to", to);
        DateRange.ordered(f, t);
        ForecasterConfig cfg = forecasterConfig.resolve(appConfig, List.of(), List.of());
        List<String> tickers = TickerSelection.resolve(ticker, service::storedTickers);
        Output out = new Output(common.json);
        ForecastingService.TrainOutcome outcome;
        try (Progress bar = Progress.start("train", cfg.epochs())) {
            outcome = service.train(tickers, f, t, modelDir, cfg, p -> bar.stepTo(p.epoch(),
                    String.format(java.util.Locale.ROOT, "train %.4f val %.4f best@%d", p.trainLoss(),
                            p.validationLoss(), p.bestEpoch())));
        }
        try (var model = outcome.forecaster()) {
            TrainingSummary s = model.summary();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("modelId", outcome.modelId());
            doc.put("modelDir", modelDir.toAbsolutePath().toString());
            doc.put("samples", outcome.samples());
            doc.put("training", s);
            doc.put("gridSpec", model.config().gridSpec());
            out.document(doc);
            out.linef("model %s written to %s", outcome.modelId(), modelDir.toAbsolutePath());
            out.linef("tickers %s; training %s..%s (%d pairs), validation %s %s..%s (%d pairs)", s.tickers(),
                    s.trainFrom(), s.trainTo(), s.trainSamples(), s.folds() != null ? "folds" : "slice",
                    s.validationFrom(), s.validationTo(), s.validationSamples());
            out.linef("grid %s (recorded in config.json)", model.config().gridSpec());
            out.linef("epochs run %d, best epoch %d, validation loss %.5f (at start %.5f)%s", s.epochsRun(),
                    s.bestEpoch(), s.bestValidationLoss(), s.initialValidationLoss(),
                    s.folds() != null ? ", means over the folds" : "");
            if (s.folds() != null) {
                TrainingSummary.FoldReport fr = s.folds();
                out.linef("validation folds %s: best epochs %s, so the final model trained %d epochs on every pair",
                        fr.validationFrom(), fr.bestEpochs(), fr.epochs());
                out.linef("correction kept per tenor %s (fold RMSE vol points: base %s, network %s, kept %s)",
                        fr.shrink(), rounded(fr.baseRmseByTenor()), rounded(fr.networkRmseByTenor()),
                        rounded(fr.shrunkRmseByTenor()));
            }
            String base = model.config().residualBase().name().toLowerCase(java.util.Locale.ROOT);
            if (s.folds() != null && !s.folds().residualBaseRmse().isEmpty()) {
                out.linef("residual base %s, chosen on the folds' pairs (RMSE vol points through the projection: %s)",
                        base, s.folds().residualBaseRmse().entrySet().stream().map(e -> e.getKey() + " "
                                + String.format(java.util.Locale.ROOT, "%.3f", e.getValue())).toList());
            } else {
                out.linef("residual base %s", base);
            }
            if (model.config().businessTimeTheta() != null) {
                out.linef("business-time theta (weight of a non-trading day) %.2f, chosen on the training pairs",
                        model.config().businessTimeTheta());
            }
            if (s.bestEpoch() == 0) {
                // the zero-initialised heads make epoch 0 the residual base itself: say so, it is not a failure
                out.linef("no epoch improved on the untrained model, so it was kept: its forecast is the residual "
                        + "base (%s) through the no-arbitrage projection, which leaves arbitrage-free cells as they "
                        + "are; on the real data this is the usual outcome (docs/forecaster-accuracy.md)", base);
            }
            out.line("next: ./volsurf evaluate --ticker " + ticker + " --model-dir " + modelDir + " --from <after "
                    + t + "> --to <date>");
        }
    }

    private static List<String> rounded(List<Double> values) {
        return values.stream().map(v -> String.format(java.util.Locale.ROOT, "%.3f", v)).toList();
    }
}
