package io.volsurf.backtest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.forecaster.calendar.SessionMapper;
import io.volsurf.forecaster.ingest.FileFailure;
import io.volsurf.forecaster.ingest.HolidayFolder;
import io.volsurf.forecaster.ingest.IngestSummary;

/**
 * Native image only: the library types that the CLI's {@code Output} (Jackson) writes, registered
 * for reflection so that a native binary prints the same JSON as the JVM. Quarkus registers REST
 * return types and picocli commands itself, but not objects handed to a plain ObjectMapper.
 * Commands put only maps, lists, strings, numbers and dates in their documents, plus these
 * (found with {@code grep -rn "out.document(\|Output.toJson(" backtest/src/main}); add a type here
 * when a command starts writing a new one. The forecaster's own model files (ForecasterConfig,
 * NormalizationStats, TrainingSummary...) are registered in the forecaster jar's
 * META-INF/native-image reflect-config.json; docs/native.md explains the rest.
 */
@RegisterForReflection(targets = {
        // ingest --json: filesFailed, holidayFolders (with its action); ingest_runs JSON columns
        FileFailure.class,
        HolidayFolder.class,
        SessionMapper.Action.class,
        IngestSummary.class,
        IngestService.IngestOutcome.class,
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
