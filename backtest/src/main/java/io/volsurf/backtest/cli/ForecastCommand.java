package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.forecasting.GridRequest;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.GridSpec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf forecast}: the surface forecast at the close of a date for the next session. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "The forecast made at the close of DATE for the next trading session: implied vol on the "
                + "model's grid (tenors x moneyness, as its config.json records it), after the no-arbitrage projector; "
                + "with --set grid_*=... or --grid-spec FILE, the forecast surface read on that grid instead.",
        footer = {"", "Examples:", "  ./volsurf forecast --ticker SPY --date 2026-08-20 --model-dir models/us --json",
            "  ./volsurf forecast --ticker SPY --date 2026-08-20 --model-dir models/us --set grid_tenors=10,45,120 "
                    + "--set grid_knots=-0.2,-0.1,0,0.1,0.2 --set grid_moneyness=log"})
public final class ForecastCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--ticker", required = true, paramLabel = "X", description = "One ticker.")
    String ticker;

    @Option(names = "--date", required = true, paramLabel = "DATE", description = "As-of session (ISO date).")
    String date;

    @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "A model written by train.")
    Path modelDir;

    @Mixin
    GridOptions grid;

    private final ForecastingService service;

    public ForecastCommand(ForecastingService service) {
        this.service = service;
    }

    @Override
    public void run() {
        LocalDate d = DateRange.parse("--date", date);
        GridRequest request = grid.request();
        String t = ticker.trim().toUpperCase(Locale.ROOT);
        ForecastingService.ForecastOutcome o = service.forecast(t, d, modelDir, request);
        SurfaceForecast f = o.forecast();
        GridSpec spec = f.spec();
        Output out = new Output(common.json);
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int i = 0; i < spec.cellCount(); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("tenorDays", spec.tenorsDays()[i / spec.knotCount()]);
            c.put("knot", spec.knots()[i % spec.knotCount()]);
            c.put("logMoneyness", f.logMoneyness()[i]);
            c.put("totalVariance", f.totalVariance()[i]);
            c.put("impliedVol", f.impliedVol(i));
            cells.add(c);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ticker", t);
        doc.put("date", d);
        doc.put("forecastFor", o.forecastFor());
        doc.put("modelId", o.modelId());
        doc.put("scaling", spec.scaling());
        doc.put("gridSpec", spec);
        doc.put("cells", cells);
        doc.put("projection", f.projection());
        out.document(doc);
        out.linef("%s forecast at the close of %s for %s (model %s), implied vol %% by tenor x moneyness (%s):", t, d,
                o.forecastFor(), o.modelId(), spec.scaling());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%8s", "tenor"));
        for (double k : spec.knots()) {
            head.append(String.format(Locale.ROOT, "%8.2f", k));
        }
        out.line(head.toString());
        for (int m = 0; m < spec.tenorCount(); m++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%7dd", spec.tenorsDays()[m]));
            for (int j = 0; j < spec.knotCount(); j++) {
                row.append(String.format(Locale.ROOT, "%8.2f", 100 * f.impliedVol(m * spec.knotCount() + j)));
            }
            out.line(row.toString());
        }
    }
}
