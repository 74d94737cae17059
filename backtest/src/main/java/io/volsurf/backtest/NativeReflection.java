package io.volsurf.backtest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.report.ChartViews;
import io.volsurf.forecaster.arbitrage.ArbitrageReport;
import io.volsurf.forecaster.arbitrage.CalendarViolation;
import io.volsurf.forecaster.calendar.SessionMapper;
import io.volsurf.forecaster.eval.ArbitrageCounts;
import io.volsurf.forecaster.eval.BucketError;
import io.volsurf.forecaster.eval.DieboldMarianoResult;
import io.volsurf.forecaster.eval.ErrorSummary;
import io.volsurf.forecaster.eval.EvaluationReport;
import io.volsurf.forecaster.eval.OptionPricingError;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.ingest.EmptySession;
import io.volsurf.forecaster.ingest.FileFailure;
import io.volsurf.forecaster.ingest.HolidayFolder;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.ingest.IvUnitNote;
import io.volsurf.forecaster.model.TrainingSummary;
import io.volsurf.forecaster.projector.ProjectionReport;

/**
 * Native image only: the library types that the CLI's {@code Output} and the services' {@code app.Json} (Jackson)
 * write, registered for reflection so that a native binary prints the same JSON as the JVM. Quarkus registers REST
 * return types and picocli commands itself, but not objects handed to a plain ObjectMapper.
 * Commands put only maps, lists, strings, numbers and dates in their documents, plus these
 * (found with {@code grep -rn "out.document(\|toJson(\|jsonLine(" backtest/src/main}); add a type here
 * when a command starts writing a new one. The forecaster's own model files (ForecasterConfig,
 * NormalizationStats, TrainingSummary...) are registered in the forecaster jar's
 * META-INF/native-image reflect-config.json; docs/native.md explains the rest.
 */
@RegisterForReflection(targets = {
        // ingest --json: filesFailed, holidayFolders (with its action), emptySessions, ivUnits;
        // ingest_runs JSON columns
        FileFailure.class,
        io.volsurf.db.export.RunExport.ExportedFile.class,
        HolidayFolder.class,
        EmptySession.class,
        IvUnitNote.class,
        SessionMapper.Action.class,
        IngestSummary.class,
        IngestService.IngestOutcome.class,
        // arbitrage-check --json
        ArbitrageReport.class,
        CalendarViolation.class,
        // train, evaluate, demo --json, and the JSON that ModelStore keeps with models and evaluations
        TrainingSummary.class,
        EvaluationReport.class,
        ErrorSummary.class,
        BucketError.class,
        DieboldMarianoResult.class,
        OptionPricingError.class,
        ArbitrageCounts.class,
        // forecast --json: projection, scaling
        ProjectionReport.class,
        MoneynessScaling.class,
        // report --html and demo: the chart documents embedded in the static page (also REST return types)
        ChartViews.Tickers.class,
        ChartViews.TickerInfo.class,
        ChartViews.Sessions.class,
        ChartViews.GridPoint.class,
        ChartViews.SurfaceChart.class,
        ChartViews.Curve.class,
        ChartViews.QuotePoints.class,
        ChartViews.Smile.class,
        ChartViews.SmilesChart.class,
        ChartViews.ForecastPoint.class,
        ChartViews.DailyError.class,
        ChartViews.ForecastErrors.class,
        ChartViews.RunDay.class,
        ChartViews.RunChart.class,
        ChartViews.Runs.class,
        // backtest: StrategySettings reads and builds the config records by reflection (keys, --set, stored
        // config); the summary is written as JSON to the run's row and to --json
        io.volsurf.strategy.config.StrategyConfig.class,
        io.volsurf.strategy.config.HalfSpreadAssumption.class,
        io.volsurf.strategy.backtest.BacktestSummary.class,
        io.volsurf.strategy.backtest.EvaluationSummary.class,
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
