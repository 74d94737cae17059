package io.volsurf.backtest.forecasting;

import io.agroal.api.AgroalDataSource;
import io.volsurf.backtest.app.Json;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.model.ModelRegistry;
import io.volsurf.db.model.ModelStore;
import io.volsurf.forecaster.baseline.BusinessTimeStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.EventVarianceStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.FilteredStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.GridReadingForecaster;
import io.volsurf.forecaster.baseline.LinearForecaster;
import io.volsurf.forecaster.baseline.MeanReversionForecaster;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.eval.EvaluationBaselines;
import io.volsurf.forecaster.eval.EvaluationReport;
import io.volsurf.forecaster.eval.ForecastEvaluator;
import io.volsurf.forecaster.eval.ListedOption;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.model.ForecastTrainer;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.ModelDirectory;
import io.volsurf.forecaster.model.TrainingProgressListener;
import io.volsurf.forecaster.model.TrainingSummary;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.forecaster.sample.SampleAssembler;
import io.volsurf.forecaster.sample.TrainingSample;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code train}, {@code evaluate} and {@code forecast}: the forecaster on stored surfaces. Each call
 * is a function of (tickers, period, config, model) that reads through the stores and writes its
 * results through them, with no state kept between calls.
 */
@ApplicationScoped
public class ForecastingService {

    /** Surfaces before a period that a window may need (calendar days). */
    private static final int LOOKBACK_DAYS = 120;

    private final Supplier<? extends DataSource> dataSource;
    /** The model registry (Panache in the application); evaluations and per-cell errors stay with ModelStore. */
    private final ModelRegistry registry;

    @Inject
    public ForecastingService(Instance<AgroalDataSource> dataSource, ModelRegistry registry) {
        this.dataSource = dataSource::get;
        this.registry = registry;
    }

    /** On a given database outside the application's (tests, benchmarks): the registry row written by JDBC there. */
    public ForecastingService(DataSource dataSource) {
        this.dataSource = () -> dataSource;
        this.registry = new ModelStore(dataSource);
    }

    public List<String> storedTickers() {
        return market().tickers();
    }

    /** The stored sessions of {@code ticker}, in order. */
    public List<LocalDate> sessions(String ticker) {
        return market().sessionDates(ticker);
    }

    /** A trained model and where it went. */
    public record TrainOutcome(String modelId, Path modelDir, TransformerForecaster forecaster, int samples) {
    }

    public TrainOutcome train(List<String> tickers, LocalDate from, LocalDate to, Path modelDir, ForecasterConfig config,
            TrainingProgressListener progress) {
        List<TrainingSample> samples = pairs(tickers, from, to, config.window(), config.gridSpec());
        if (samples.size() < 10) {
            throw new IllegalArgumentException("only " + samples.size() + " training pairs for " + tickers + " from "
                    + from + " to " + to + " with window N=" + config.window()
                    + ": ingest more sessions or widen --from/--to");
        }
        TransformerForecaster model = new ForecastTrainer(config).train(samples, progress);
        try {
            new ModelDirectory().save(model, modelDir);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot write the model to " + modelDir + ": " + e.getMessage(), e);
        }
        String id = registry.register(modelDir, config.toJson(), tickers, from, to, Json.toJson(model.summary()));
        return new TrainOutcome(id, modelDir, model, samples.size());
    }

    /** The evaluation of a stored model against the baselines, on target sessions in {@code [from, to]}, on a grid. */
    public record EvaluateOutcome(String modelId, long evaluationId, EvaluationReport report, int pairs, GridSpec grid) {
    }

    public EvaluateOutcome evaluate(List<String> tickers, Path modelDir, LocalDate from, LocalDate to) {
        return evaluate(tickers, modelDir, from, to, GridRequest.NONE);
    }

    /**
     * As {@link #evaluate(List, Path, LocalDate, LocalDate)}, scored on {@code grid} over the model's grid: the
     * sessions and the baselines on that grid, the model's forecasts read there ({@link GridReadingForecaster}).
     */
    public EvaluateOutcome evaluate(List<String> tickers, Path modelDir, LocalDate from, LocalDate to,
            GridRequest grid) {
        try (TransformerForecaster model = new ModelDirectory().load(modelDir)) {
            int window = model.config().window();
            GridSpec modelGrid = model.config().gridSpec();
            GridSpec scoredGrid = grid.on(modelGrid);
            SurfaceForecaster forecaster = scoredGrid.equals(modelGrid) ? model
                    : new GridReadingForecaster(model, modelGrid);
            LocalDate trainFrom = LocalDate.parse(model.summary().trainFrom());
            LocalDate trainTo = LocalDate.parse(model.summary().validationTo() == null ? model.summary().trainTo()
                    : model.summary().validationTo());
            List<TrainingSample> training = new ArrayList<>();
            List<TrainingSample> test = new ArrayList<>();
            for (String t : tickers) {
                List<CanonicalSurface> all = surfaces(t, trainFrom.minusDays(LOOKBACK_DAYS), to, scoredGrid);
                training.addAll(SampleAssembler.pairs(all, window, trainFrom, trainTo));
                test.addAll(SampleAssembler.pairs(all, window, from, to));
            }
            if (test.isEmpty()) {
                throw new IllegalArgumentException("no sessions to evaluate for " + tickers + " from " + from + " to "
                        + to + " (window N=" + window + " needs that many earlier sessions)");
            }
            EvaluationReport report = new ForecastEvaluator().evaluate(test, forecaster, baselines(training),
                    this::listedOptions);
            String modelId = registry.idFor(modelDir);
            long evalId = models().saveEvaluation(modelId, tickers, from, to, Json.toJson(report));
            List<ModelStore.CellError> cells = new ArrayList<>();
            for (TrainingSample s : test) {
                SurfaceForecast f = forecaster.forecast(s.history());
                CanonicalSurface real = s.target();
                for (int i = 0; i < real.mask().length; i++) {
                    if (real.mask()[i]) {
                        int tenor = i / real.spec().knotCount();
                        cells.add(new ModelStore.CellError(real.ticker(), s.history().latest().session(), real.session(),
                                real.spec().tenorsDays()[tenor], real.logMoneyness()[i], f.impliedVol(i),
                                real.impliedVol()[i]));
                    }
                }
            }
            models().saveCellErrors(modelId, evalId, cells);
            return new EvaluateOutcome(modelId, evalId, report, test.size(), scoredGrid);
        }
    }

    /** The stored quotes of a pair's target session with that session's forward and discount of their expiry. */
    private List<ListedOption> listedOptions(TrainingSample pair) {
        CanonicalSurface target = pair.target();
        MarketDataStore market = market();
        return ListedOption.listed(market.quotes(target.ticker(), target.session()),
                market.forwards(target.ticker(), target.session()));
    }

    /** The baselines every evaluation reports beside the model; the fitted ones learn from {@code training}. */
    private static List<SurfaceForecaster> baselines(List<TrainingSample> training) {
        return EvaluationBaselines.fit(training);
    }

    /**
     * One trained-and-scored configuration, held in memory (nothing is written): {@code ablate}'s unit.
     *
     * @param report         the model against the baselines on the test pairs
     * @param summary        how training went
     * @param trainPairs     training pairs (validation slice included)
     * @param testPairs      scored pairs
     * @param trainMillis    wall time of training
     * @param parameters     trainable parameters of the network
     */
    public record Comparison(EvaluationReport report, TrainingSummary summary, int trainPairs, int testPairs,
            long trainMillis, long parameters) {
    }

    /**
     * Trains {@code config} on targets in {@code [trainFrom, trainTo]} and scores it with the baselines on targets in
     * {@code [testFrom, testTo]}, as {@code train} then {@code evaluate} would, without storing the model.
     */
    public Comparison trainAndEvaluate(List<String> tickers, LocalDate trainFrom, LocalDate trainTo, LocalDate testFrom,
            LocalDate testTo, ForecasterConfig config, TrainingProgressListener progress) {
        if (!testFrom.isAfter(trainTo)) {
            throw new IllegalArgumentException("the test period must start after the training period (" + testFrom
                    + " is not after " + trainTo + "): walk-forward, no future session in training");
        }
        List<TrainingSample> training = pairs(tickers, trainFrom, trainTo, config.window(), config.gridSpec());
        if (training.size() < 10) {
            throw new IllegalArgumentException("only " + training.size() + " training pairs for " + tickers + " from "
                    + trainFrom + " to " + trainTo + " with window N=" + config.window()
                    + ": ingest more sessions or widen the training period");
        }
        List<TrainingSample> test = pairs(tickers, testFrom, testTo, config.window(), config.gridSpec());
        if (test.isEmpty()) {
            throw new IllegalArgumentException("no sessions to evaluate for " + tickers + " from " + testFrom + " to "
                    + testTo + " (window N=" + config.window() + " needs that many earlier sessions)");
        }
        long started = System.nanoTime();
        try (TransformerForecaster model = new ForecastTrainer(config).train(training, progress)) {
            long trainMillis = (System.nanoTime() - started) / 1_000_000;
            EvaluationReport report = new ForecastEvaluator().evaluate(test, model, baselines(training));
            return new Comparison(report, model.summary(), training.size(), test.size(), trainMillis,
                    model.parameterCount());
        }
    }

    /** Pairs of every ticker whose target session lies in {@code [from, to]}, on {@code grid} (null: as stored). */
    private List<TrainingSample> pairs(List<String> tickers, LocalDate from, LocalDate to, int window,
            GridSpec grid) {
        List<TrainingSample> out = new ArrayList<>();
        for (String t : tickers) {
            out.addAll(SampleAssembler.pairs(surfaces(t, from.minusDays(LOOKBACK_DAYS), to, grid), window, from, to));
        }
        return out;
    }

    /** A forecast made at the close of {@code date} for the next session. */
    public record ForecastOutcome(String modelId, CanonicalSurface latest, LocalDate forecastFor, SurfaceForecast forecast) {
    }

    public ForecastOutcome forecast(String ticker, LocalDate date, Path modelDir) {
        return forecast(ticker, date, modelDir, GridRequest.NONE);
    }

    /** As {@link #forecast(String, LocalDate, Path)}, read on {@code grid} over the model's grid. */
    public ForecastOutcome forecast(String ticker, LocalDate date, Path modelDir, GridRequest grid) {
        try (TransformerForecaster model = new ModelDirectory().load(modelDir)) {
            GridSpec modelGrid = model.config().gridSpec();
            HistoryWindow window = HistoryWindow.read(market(), ticker, date, model.config().window(), modelGrid);
            SurfaceForecast f = model.forecast(window.history()).readOn(grid.on(modelGrid));
            return new ForecastOutcome(registry.idFor(modelDir), window.latest(), window.nextSession(), f);
        }
    }

    /**
     * The ticker's trading calendar, from the venue stored with its sessions at ingest (the layout they came in). Only
     * sessions written without a known venue fall back to reading the calendar off {@code stored} (any weekend
     * session: every day trades); CLI, REST and evaluation all ask here, so they forecast the same next session.
     */
    public static TradingCalendar calendarOf(MarketDataStore market, String ticker, List<CanonicalSurface> stored) {
        String venue = market.venueOf(ticker);
        for (io.volsurf.forecaster.ingest.ChainFormat f : io.volsurf.forecaster.ingest.ChainFormat.values()) {
            if (f.cliName().equalsIgnoreCase(venue == null ? "" : venue)) {
                return f.calendar();
            }
        }
        return TradingCalendar.inferredFrom(stored.stream().map(CanonicalSurface::session).toList());
    }

    /** Not found: the CLI maps it to exit 1, the REST API to 404. */
    public static final class NoSuchElementException extends RuntimeException {
        public NoSuchElementException(String message) {
            super(message);
        }
    }

    /** A pair's listed options for pricing, as {@code evaluate} prices them. */
    List<ListedOption> listedOptionsOf(TrainingSample pair) {
        return listedOptions(pair);
    }

    /** Every stored surface of {@code ticker} up to {@code to}, on {@code grid} (null: as stored). */
    List<CanonicalSurface> surfacesUpTo(String ticker, LocalDate to, GridSpec grid) {
        return surfaces(ticker, LocalDate.of(1900, 1, 1), to, grid);
    }

    /** Stored surfaces on {@code grid}, re-gridded from their SVI fits where stored on another (null: as stored). */
    private List<CanonicalSurface> surfaces(String ticker, LocalDate from, LocalDate to, GridSpec grid) {
        return market().surfaces(ticker, from, to, grid);
    }

    private MarketDataStore market() {
        return new MarketDataStore(dataSource.get());
    }

    private ModelStore models() {
        return new ModelStore(dataSource.get());
    }
}
