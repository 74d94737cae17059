package io.volsurf.spark;

import io.volsurf.db.jdbc.RunOwnerLock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.market.SessionIngest;
import io.volsurf.db.schema.SchemaMigrator;
import io.volsurf.forecaster.ingest.ChainFiles;
import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.FileFailure;
import io.volsurf.forecaster.ingest.IngestListener;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.ingest.Reject;
import io.volsurf.forecaster.ingest.SessionChain;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The {@code ingest} command on Apache Spark, for {@code spark-submit}: the same rows in the same PostgreSQL
 * tables as {@code ./volsurf ingest}, computed on executors.
 *
 * <p>Two stages. <b>index</b>: one task per chain file reads it and reports which (ticker, session) pairs it
 * holds. <b>ingest</b>: one task per ticker reads that ticker's files in the single-machine reading order and
 * hands each of its sessions to {@link SessionIngest} (the class {@code ./volsurf ingest} uses): surface, SVI
 * fits warm-started from the stored earlier sessions, features from the stored earlier spots, the session
 * replaced by COPY in one transaction; then the ticker's spot-history refresh. One task per ticker keeps the
 * per-ticker sequential parts exactly as on one machine; its limits: parallelism is at most the number of
 * tickers, one long ticker is one long task, and files holding several tickers are read by each of their
 * tickers' tasks (and once more by the index stage).
 *
 * <p>Re-runs and Spark task retries replace sessions, never duplicate them (per-session transaction and
 * advisory lock in {@link MarketDataStore#replaceSession}). The run row is claimed by the driver, whose
 * connection holds the run's owner lock until the job ends.
 *
 * <p>Usage: {@code IngestJob [--master URL] [--format NAME] DB_URL PATH...}; chain paths must be readable
 * at the same path by the driver and every executor (a shared or replicated file system).
 */
public final class IngestJob {

    /** A (ticker, session) a file holds, as found by the index stage. */
    record SessionKey(String ticker, String session) implements Serializable {
    }

    /** What the index stage found in one file; {@code error} is null when it was read. */
    record FileIndex(String file, List<SessionKey> sessions, String error) implements Serializable {
    }

    /** One ingest task: a ticker and the files holding its sessions, in reading order. */
    record TickerPlan(String ticker, List<String> files) implements Serializable {
    }

    /** What one ticker's task stored. */
    record TickerResult(String ticker, int sessions, long accepted, long rejected, Map<String, Long> rejectReasons,
            List<String> emptySessions, int surfaces, int slicesFitted, int slicesButterflyFree,
            Map<String, Integer> smileDrops, List<String> sessionFailures, int featuresRefreshed)
            implements Serializable {
    }

    /** The run's outcome, printed as JSON by {@link #main}. */
    public record Outcome(long runId, int files, List<FileFailure> filesFailed, int tickers, int sessions,
            long accepted, long rejected, Map<String, Long> rejectReasons, int surfaces, int slicesFitted,
            int slicesButterflyFree, List<String> sessionFailures, int featuresRefreshed, double seconds) {
    }

    private IngestJob() {
    }

    public static void main(String[] args) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("volsurf spark ingest: " + e.getMessage());
            System.err.println(Arguments.USAGE);
            System.exit(2);
            return;
        }
        // As ./volsurf ingest: a PATH the driver cannot see is a bad argument (exit 2), not a failed file.
        String missing = a.firstMissingPath();
        if (missing != null) {
            System.err.println("volsurf spark ingest: PATH " + missing + " does not exist");
            System.exit(2);
            return;
        }
        SparkConf conf = new SparkConf().setAppName("volsurf ingest");
        if (a.master() != null) {
            conf.setMaster(a.master());
        } else if (!conf.contains("spark.master")) {
            System.err.println("volsurf spark ingest: no Spark master: pass --master URL or run under spark-submit");
            System.exit(2);
            return;
        }
        int exit;
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            // Spark's INFO lines would bury the job's own progress lines.
            jsc.setLogLevel("WARN");
            // Progress on stderr: stdout carries only the JSON summary (the ingest --json contract).
            Outcome outcome = run(jsc, a.databaseUrl(), a.paths(), a.format(), System.err);
            System.out.println(json(outcome));
            exit = outcome.filesFailed().isEmpty() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("volsurf spark ingest failed: " + e.getMessage());
            exit = 1;
        }
        System.exit(exit);
    }

    /** Runs the job on a started context; {@code log} receives progress lines. */
    public static Outcome run(JavaSparkContext jsc, String databaseUrl, List<String> paths, ChainFormat format,
            PrintStream log) {
        long started = System.nanoTime();
        DatabaseTarget target = DatabaseTarget.parse(databaseUrl);
        String schema = new SchemaMigrator(target).migrate();
        log.println("database " + target.display() + " at schema version " + schema);
        StageProgress progress = StageProgress.attach(jsc, log);
        jsc.sc().uiWebUrl().foreach(url -> {
            log.println("Spark UI: " + url);
            return null;
        });
        MarketDataStore store = new MarketDataStore(driverDataSource(target));
        store.failAbandonedIngestRuns();
        try (RunOwnerLock claim = store.claimIngestRun(String.join(" ", paths))) {
            long runId = claim.runId();
            try {
                Outcome o = ingest(jsc, databaseUrl, runId, paths, format, log);
                o = new Outcome(o.runId(), o.files(), o.filesFailed(), o.tickers(), o.sessions(), o.accepted(),
                        o.rejected(), o.rejectReasons(), o.surfaces(), o.slicesFitted(), o.slicesButterflyFree(),
                        o.sessionFailures(), o.featuresRefreshed(), (System.nanoTime() - started) / 1e9);
                Map<String, Object> notes = new LinkedHashMap<>();
                notes.put("engine", "spark " + jsc.version() + " " + jsc.master());
                notes.put("featuresRefreshed", o.featuresRefreshed());
                notes.put("sessionFailures", o.sessionFailures());
                store.finishIngestRun(runId, "completed", o.files(), json(o.filesFailed()), o.sessions(),
                        o.accepted(), o.rejected(), json(o.rejectReasons()), json(notes));
                return o;
            } catch (RuntimeException e) {
                store.finishIngestRun(runId, "failed", 0, "[]", 0, 0, 0, "{}",
                        json(Map.of("error", String.valueOf(e.getMessage()))));
                throw e;
            }
        } finally {
            progress.detach();
        }
    }

    private static Outcome ingest(JavaSparkContext jsc, String databaseUrl, long runId, List<String> paths,
            ChainFormat format, PrintStream log) {
        List<String> files = ChainFiles.expand(paths.stream().map(Path::of).toList()).files().stream()
                .map(Path::toString).toList();
        log.println("run " + runId + ": " + files.size() + " chain files");
        if (files.isEmpty()) {
            return new Outcome(runId, 0, List.of(), 0, 0, 0, 0, Map.of(), 0, 0, 0, List.of(), 0, 0);
        }

        jsc.setJobDescription("index: which tickers and sessions each chain file holds");
        List<FileIndex> index = jsc.parallelize(files, Math.min(files.size(), 4 * jsc.defaultParallelism()))
                .map(file -> indexFile(file, format)).collect();

        // Each ticker reads its files in the single-machine reading order, so its sessions reach the store in
        // the same order as in ./volsurf ingest (warm starts read the sessions stored before).
        Map<String, List<String>> filesByTicker = new TreeMap<>();
        List<FileFailure> failures = new ArrayList<>();
        for (FileIndex fi : index) {
            if (fi.error() != null) {
                failures.add(new FileFailure(fi.file(), fi.error()));
            }
            fi.sessions().stream().map(SessionKey::ticker).distinct()
                    .forEach(t -> filesByTicker.computeIfAbsent(t, k -> new ArrayList<>()).add(fi.file()));
        }
        // Longest tickers first: Spark starts tasks in partition order, so the stragglers start early.
        List<TickerPlan> plans = filesByTicker.entrySet().stream()
                .map(e -> new TickerPlan(e.getKey(), e.getValue()))
                .sorted((x, y) -> Integer.compare(y.files().size(), x.files().size())).toList();
        log.println("run " + runId + ": " + plans.size() + " tickers, " + failures.size() + " unreadable files");

        jsc.setJobDescription("ingest: one task per ticker, its sessions in order");
        List<TickerResult> results = jsc.parallelize(plans, Math.max(1, plans.size()))
                .map(plan -> ingestTicker(databaseUrl, runId, plan, format)).collect();

        int sessions = 0;
        long accepted = 0;
        long rejected = 0;
        int surfaces = 0;
        int fitted = 0;
        int free = 0;
        int refreshed = 0;
        Map<String, Long> reasons = new TreeMap<>();
        List<String> sessionFailures = new ArrayList<>();
        for (TickerResult r : results) {
            sessions += r.sessions();
            accepted += r.accepted();
            rejected += r.rejected();
            surfaces += r.surfaces();
            fitted += r.slicesFitted();
            free += r.slicesButterflyFree();
            refreshed += r.featuresRefreshed();
            r.rejectReasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
            sessionFailures.addAll(r.sessionFailures());
        }
        return new Outcome(runId, files.size(), failures, plans.size(), sessions, accepted, rejected, reasons,
                surfaces, fitted, free, sessionFailures, refreshed, 0);
    }

    /** Index stage, on an executor: read one file, note its sessions. */
    static FileIndex indexFile(String file, ChainFormat format) {
        List<SessionKey> keys = new ArrayList<>();
        IngestListener listener = new IngestListener() {
            @Override
            public void onSession(SessionChain chain) {
                keys.add(new SessionKey(chain.underlying(), chain.session().toString()));
            }

            @Override
            public void onEmptySession(SessionChain chain) {
                keys.add(new SessionKey(chain.underlying(), chain.session().toString()));
            }
        };
        IngestSummary summary = new ChainIngestor().ingest(List.of(Path.of(file)), format, listener);
        String error = summary.filesFailed().isEmpty() ? null : summary.filesFailed().get(0).error();
        return new FileIndex(file, List.copyOf(keys), error);
    }

    /** Ingest stage, on an executor: one ticker's sessions in reading order, then its spot-history refresh. */
    static TickerResult ingestTicker(String databaseUrl, long runId, TickerPlan plan, ChainFormat format) {
        try (ReusedConnectionDataSource ds = new ReusedConnectionDataSource(DatabaseTarget.parse(databaseUrl))) {
            SessionIngest sessions = new SessionIngest(new MarketDataStore(ds), runId);
            int[] stored = {0};
            long[] counts = {0, 0};
            Map<String, Long> reasons = new TreeMap<>();
            List<String> empty = new ArrayList<>();
            IngestListener listener = new IngestListener() {
                @Override
                public void onSession(SessionChain chain) {
                    if (chain.underlying().equals(plan.ticker())) {
                        count(chain);
                        stored[0]++;
                        sessions.onSession(chain);
                    }
                }

                @Override
                public void onEmptySession(SessionChain chain) {
                    if (chain.underlying().equals(plan.ticker())) {
                        count(chain);
                        empty.add(chain.underlying() + " " + chain.session());
                        sessions.onEmptySession(chain);
                    }
                }

                private void count(SessionChain chain) {
                    counts[0] += chain.quotes().size();
                    counts[1] += chain.rejects().size();
                    for (Reject r : chain.rejects()) {
                        reasons.merge(r.reason().name(), 1L, Long::sum);
                    }
                }
            };
            new ChainIngestor().ingest(plan.files().stream().map(Path::of).toList(), format, listener);
            int refreshed = sessions.refreshSpotHistory();
            return new TickerResult(plan.ticker(), stored[0], counts[0], counts[1], reasons, empty,
                    sessions.surfaces(), sessions.slicesFitted(), sessions.slicesButterflyFree(),
                    sessions.smileDrops(), sessions.sessionFailures(), refreshed);
        }
    }

    private static PGSimpleDataSource driverDataSource(DatabaseTarget target) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(target.jdbcUrl());
        ds.setUser(target.user());
        ds.setPassword(target.password());
        ds.setApplicationName("volsurf spark ingest driver");
        return ds;
    }

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Command-line arguments of the job. */
    record Arguments(String master, ChainFormat format, String databaseUrl, List<String> paths) {

        static final String USAGE = "usage: IngestJob [--master URL] [--format NAME] DB_URL PATH...\n"
                + "  DB_URL  postgresql://user[:password]@host:port/database (the schema is migrated if needed)\n"
                + "  PATH    chain files or folders, readable at the same path on the driver and every executor";

        /** The first chain path that does not exist here (on the driver), or null. */
        String firstMissingPath() {
            return paths.stream().filter(p -> !Files.exists(Path.of(p))).findFirst().orElse(null);
        }

        static Arguments parse(String[] args) {
            String master = null;
            ChainFormat format = null;
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--master") || arg.equals("--format")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    if (arg.equals("--master")) {
                        master = value;
                    } else {
                        format = ChainFormat.fromCliName(value);
                    }
                } else if (arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else {
                    positional.add(arg);
                }
            }
            if (positional.size() < 2) {
                throw new IllegalArgumentException("expected a database URL and at least one chain path, got "
                        + positional.size() + " argument(s)");
            }
            String url = positional.get(0);
            DatabaseTarget.parse(url);
            return new Arguments(master, format, url, List.copyOf(positional.subList(1, positional.size())));
        }
    }
}
