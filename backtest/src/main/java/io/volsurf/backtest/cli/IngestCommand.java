package io.volsurf.backtest.cli;

import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.ingest.IngestService.IngestOutcome;
import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.smile.IvSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./volsurf ingest PATH...}: loads chains, builds surfaces and SVI fits, stores them. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Load option chains, build each session's surface (forwards, implied vols, SVI fits, grid) and "
                + "store them; prints accepted and rejected rows by reason.",
            "Files or folders (every chain file below, in date order), plain or gzipped, layout detected per file. "
                    + "Re-ingesting a session replaces it; a session in which every row is rejected is reported "
                    + "(emptySessions) and never replaces a stored one. The unit each vendor IV column was read in "
                    + "is reported (ivUnits)."},
        footer = {"", "Examples:", "  ./volsurf ingest ../shared/data/us-options",
            "  ./volsurf ingest ../shared/data/crypto-deribit/2026-07-04.csv.gz --json",
            "  ./volsurf ingest my-chains/ --format generic",
            "  ./volsurf ingest ../shared/data/us-options --spark 'local[2]' --db-url postgresql://postgres@127.0.0.1/vs", "",
            "Exit code 0 when every file was read, 1 when some could not be (the rest is still ingested)."})
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Chain files or folders.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "LAYOUT", defaultValue = "auto",
            description = "auto (detect per file), generic, us-options, deribit, cboe, optionmetrics. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--iv-source", paramLabel = "SOURCE", defaultValue = "prices",
            description = "Where each quote's implied vol comes from: prices (inverted from the quote's mid, mark or "
                    + "last price) or vendor (the file's own IV column: us-options callIv/putIv, Deribit mark_iv, "
                    + "CBOE implied_volatility_1545, OptionMetrics impl_volatility, generic implied_volatility; a row without one falls back to its price and is counted in "
                    + "vendorIvFallbacks). Stored per session; re-ingesting with the other source replaces the "
                    + "session. Default: ${DEFAULT-VALUE}.")
    String ivSource;

    // Listed here for --help; ./volsurf hands a command line with --spark to scripts/spark-ingest before this runs.
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run on Apache Spark instead (local[2], spark://host:7077, yarn, k8s://...); needs --db-url. "
                    + "See docs/spark.md.")
    String spark;

    private final IngestService service;

    public IngestCommand(IngestService service) {
        this.service = service;
    }

    @Override
    public Integer call() {
        if (spark != null) {
            throw new IllegalArgumentException("--spark runs through ./volsurf (scripts/spark-ingest), not the "
                    + "application jar alone");
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("PATH " + p + " does not exist");
            }
        }
        ChainFormat layout = "auto".equalsIgnoreCase(format) ? null : ChainFormat.fromCliName(format);
        IvSource source = IvSource.fromCliName(ivSource);
        Output out = new Output(common.json);
        IngestOutcome outcome;
        try (Progress bar = Progress.start("ingest", 1)) {
            outcome = service.ingest(paths, layout, source, bar.perFile());
        }
        IngestSummary s = outcome.summary();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("files", s.files());
        doc.put("filesFailed", s.filesFailed());
        doc.put("sessions", s.sessions());
        doc.put("accepted", s.accepted());
        doc.put("rejected", s.rejected());
        doc.put("rejectReasons", s.rejectReasons());
        doc.put("runId", outcome.runId());
        doc.put("surfaces", outcome.surfaces());
        doc.put("slicesFitted", outcome.slicesFitted());
        doc.put("slicesButterflyFree", outcome.slicesButterflyFree());
        doc.put("smileDrops", outcome.smileDrops());
        doc.put("holidayFolders", s.holidayFolders());
        doc.put("emptySessions", s.emptySessions());
        doc.put("ivUnits", s.ivUnits());
        doc.put("sessionFailures", outcome.sessionFailures());
        doc.put("featuresRefreshed", outcome.featuresRefreshed());
        doc.put("ivSource", outcome.ivSource().cliName());
        doc.put("vendorIvFallbacks", outcome.vendorIvFallbacks());
        out.document(doc);
        out.line("ingest run " + outcome.runId());
        out.line(s.toText().stripTrailing());
        out.linef("surfaces %d, SVI slices fitted %d (%d butterfly-free)", outcome.surfaces(), outcome.slicesFitted(),
                outcome.slicesButterflyFree());
        out.linef("implied vols from %s%s", outcome.ivSource().cliName(), outcome.ivSource() == IvSource.VENDOR
                ? String.format(" (%d smile points had no vendor IV and used their price)", outcome.vendorIvFallbacks())
                : "");
        if (!outcome.smileDrops().isEmpty()) {
            out.line("quotes left out of smiles: " + outcome.smileDrops());
        }
        if (outcome.featuresRefreshed() > 0) {
            out.linef("log return and realised vols recomputed for %d stored sessions whose 21-session history"
                    + " includes a session ingested now", outcome.featuresRefreshed());
        }
        List<String> failures = new ArrayList<>(outcome.sessionFailures());
        for (String f : failures) {
            out.line("surface not built: " + f);
        }
        return s.allFilesRead() ? 0 : 1;
    }
}
