package io.volsurf.bench;

import io.volsurf.forecaster.grid.SessionSurface;
import io.volsurf.forecaster.grid.SessionSurfaceBuilder;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.SessionChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One SPY session from file to canonical surface, without the database: {@code us-options/2026-06-01/SPY.json.gz}
 * (36 expiries, about 7,000 contract rows). {@code fileToSurface} = gunzip + parse + forwards + IVs + SVI fits +
 * grid; {@code chainToSurface} = the same without parsing. Data from {@code -Dvolsurf.shared.data} (default
 * {@code ../shared/data}); run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SessionSurfaceBenchmark {

    private Path file;
    private SessionChain chain;
    private final SessionSurfaceBuilder builder = new SessionSurfaceBuilder();

    @Setup
    public void setup() {
        Path root = Path.of(System.getProperty("volsurf.shared.data", "../shared/data"));
        file = root.resolve("us-options/2026-06-01/SPY.json.gz");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " absent: the benchmark needs ../shared/data");
        }
        chain = read();
    }

    private SessionChain read() {
        List<SessionChain> chains = new ArrayList<>(1);
        new ChainIngestor().ingest(List.of(file), null, chains::add);
        return chains.get(0);
    }

    @Benchmark
    public SessionSurface fileToSurface() {
        return builder.build(read());
    }

    @Benchmark
    public SessionSurface chainToSurface() {
        return builder.build(chain);
    }

    @Benchmark
    public SessionChain parseOnly() {
        return read();
    }
}
