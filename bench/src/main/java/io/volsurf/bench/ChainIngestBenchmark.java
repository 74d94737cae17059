package io.volsurf.bench;

import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.synthetic.GenerationReport;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading and validating one session's chain file into quotes and rejects (gunzip, parse, validate,
 * spot, dedupe; no forwards, IVs or SVI): one SPY day of {@code us-options} (about 14,000 quotes),
 * one Deribit day (BTC and ETH, about 1,600 rows), and one synthetic generic-CSV session. The real
 * files come from {@code -Dvolsurf.shared.data} or {@code ../shared/data}; those two benchmarks fail
 * in setup when the data is absent.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
public class ChainIngestBenchmark {

    final ChainIngestor ingestor = new ChainIngestor();
    Path spyFile;
    Path deribitFile;
    Path syntheticFile;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path data = Path.of(System.getProperty("volsurf.shared.data", "../shared/data"));
        spyFile = data.resolve("us-options/2026-07-15/SPY.json.gz");
        deribitFile = data.resolve("crypto-deribit/2026-07-15.csv.gz");
        Path dir = Files.createTempDirectory("volsurf-bench");
        GenerationReport r = new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(1, 1), dir);
        syntheticFile = r.chainFiles().get(0);
        System.out.println("\nsynthetic session rows: " + r.rows());
    }

    private long read(Path file) {
        long[] quotes = {0};
        IngestSummary s = ingestor.ingest(List.of(file), null, c -> quotes[0] += c.quotes().size());
        if (!s.allFilesRead()) {
            throw new IllegalStateException(s.filesFailed().toString());
        }
        return quotes[0] + s.rejected();
    }

    @Benchmark
    public long spySessionUsOptionsJsonGz() {
        return read(spyFile);
    }

    @Benchmark
    public long deribitDayCsvGz() {
        return read(deribitFile);
    }

    @Benchmark
    public long syntheticSessionGenericCsv() {
        return read(syntheticFile);
    }
}
