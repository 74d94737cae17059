package io.volsurf.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.market.TickerSelection;
import io.volsurf.forecaster.eval.ListedOption;
import io.volsurf.forecaster.eval.WalkForward;
import io.volsurf.forecaster.eval.WalkForwardDocument;
import io.volsurf.forecaster.eval.WalkForwardSpec;
import io.volsurf.forecaster.eval.WalkForwardStatistics;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.ForecasterConfigFiles;
import io.volsurf.forecaster.sample.TrainingSample;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code evaluate --walk-forward} on Apache Spark, for {@code spark-submit}: the folds fanned out, one task per fold,
 * each training its model and forecasting its test sessions on an executor; the driver pools the forecasts, scores
 * them and prints the JSON document of {@code ./volsurf evaluate --walk-forward --json} (the same fold results: every
 * step is {@link WalkForwardSpec}'s, and a fold is a function of its inputs and the config's seeds).
 *
 * <p>A task reads the stored surfaces itself (once per executor JVM, then reused by its later folds) and re-cuts
 * the folds; it checks that its fold is the one the driver planned, so surfaces stored while the job runs fail
 * the job instead of mixing two markets. PyTorch on an executor: one intra-op and one inter-op thread per task
 * (the executor's cores are the parallelism), offline, the native library unpacked once per executor into
 * {@code ENGINE_CACHE_DIR} (default {@code java.io.tmpdir/volsurf-djl}). Nothing is written to the database.
 *
 * <p>Usage: {@code WalkForwardJob [--master URL] DB_URL --ticker X --to DATE [--from DATE] [--retrain-every K]
 * [--min-train-sessions M] [--model-dir DIR | --config FILE] [--set KEY=VALUE]... [--no-pricing]}.
 */
public final class WalkForwardJob {

    private WalkForwardJob() {
    }

    /** What the driver planned for a fold: a task checks that its own cut of the stored surfaces agrees. */
    record FoldTask(int fold, LocalDate firstTest, LocalDate lastTest, int trainPairs, int testPairs)
            implements Serializable {
        static FoldTask of(WalkForward.Fold f) {
            return new FoldTask(f.index(), f.firstTest(), f.lastTest(), f.training().size(), f.test().size());
        }
    }

    public static void main(String[] args) {
        Arguments a;
        ForecasterConfig config;
        try {
            a = Arguments.parse(args);
            config = a.config();
        } catch (IllegalArgumentException e) {
            System.err.println("volsurf spark evaluate: " + e.getMessage());
            System.err.println(Arguments.USAGE);
            System.exit(2);
            return;
        }
        SparkConf conf = new SparkConf().setAppName("volsurf evaluate --walk-forward");
        if (a.master() != null) {
            conf.setMaster(a.master());
        } else if (!conf.contains("spark.master")) {
            System.err.println("volsurf spark evaluate: no Spark master: pass --master URL or run under spark-submit");
            System.exit(2);
            return;
        }
        int exit;
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            jsc.setLogLevel("WARN");
            Map<String, Object> doc = run(jsc, a.databaseUrl(), a.ticker(), a.from(), a.to(), a.retrainEvery(),
                    a.minTrainSessions(), config, a.pricing(), System.err);
            System.out.println(MAPPER.writeValueAsString(doc));
            exit = 0;
        } catch (IllegalArgumentException e) {
            // as evaluate: an unknown ticker, a period with no test session, a fold with too little data
            System.err.println("volsurf spark evaluate: " + e.getMessage());
            exit = 2;
        } catch (Exception e) {
            System.err.println("volsurf spark evaluate failed: " + e.getMessage());
            exit = 1;
        }
        System.exit(exit);
    }

    /** The JSON mapper of the document: as the application's, dates as ISO text. */
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Runs the walk-forward on a started context; {@code log} receives progress lines.
     *
     * @param ticker a ticker, a comma-separated list, or {@code all}, as {@code evaluate --ticker}
     * @return the JSON document, as nested maps
     */
    public static Map<String, Object> run(JavaSparkContext jsc, String databaseUrl, String ticker, LocalDate from,
            LocalDate to, int retrainEvery, int minTrainSessions, ForecasterConfig config, boolean pricing,
            PrintStream log) {
        long started = System.nanoTime();
        DatabaseTarget target = DatabaseTarget.parse(databaseUrl);
        MarketDataStore market = new MarketDataStore(driverDataSource(target));
        List<String> tickers = TickerSelection.resolve(ticker, market::tickers);
        WalkForwardSpec spec = WalkForwardSpec.of(tickers, from, to, retrainEvery, minTrainSessions, config);
        WalkForwardSpec.Inputs inputs = spec.read(source(market));
        WalkForward.Plan plan = spec.plan(inputs);
        log.println("walk-forward on " + tickers + ": " + plan.testDates().size() + " test sessions in "
                + plan.folds().size() + " folds of " + retrainEvery + ", database " + target.display());
        jsc.sc().uiWebUrl().foreach(url -> {
            log.println("Spark UI: " + url);
            return null;
        });
        StageProgress progress = StageProgress.attach(jsc, log);
        List<WalkForward.FoldOutcome> outcomes;
        try {
            // The last folds train on the most sessions: first in line, so they do not finish last.
            List<FoldTask> tasks = new ArrayList<>(plan.folds().stream().map(FoldTask::of).toList());
            java.util.Collections.reverse(tasks);
            jsc.setJobDescription("walk-forward: one task per fold, trained and forecast on an executor");
            outcomes = jsc.parallelize(tasks, tasks.size()).map(t -> runFold(databaseUrl, spec, t)).collect();
        } finally {
            progress.detach();
        }
        log.println("scoring " + plan.testPairs().size() + " test pairs on the driver");
        Function<TrainingSample, List<ListedOption>> listed = pricing ? pair -> ListedOption.listed(
                market.quotes(pair.target().ticker(), pair.target().session()),
                market.forwards(pair.target().ticker(), pair.target().session())) : null;
        WalkForward.Result result = WalkForward.score(plan, outcomes, listed);
        WalkForwardStatistics statistics = spec.statistics(inputs, result);
        Map<String, Object> doc = WalkForwardDocument.of(MAPPER, result, statistics, jsc.defaultParallelism(),
                (System.nanoTime() - started) / 1e9, config);
        @SuppressWarnings("unchecked")
        Map<String, Object> wf = (Map<String, Object>) doc.get("walkForward");
        wf.put("engine", "spark " + jsc.version() + " " + jsc.master());
        return doc;
    }

    /** The stored surfaces and folds of a spec, read once per executor JVM (its later folds reuse them). */
    private record Prepared(String key, WalkForwardSpec.Inputs inputs, WalkForward.Plan plan) {
    }

    private static Prepared prepared;

    /** On an executor: one fold, trained and forecast. */
    static WalkForward.FoldOutcome runFold(String databaseUrl, WalkForwardSpec spec, FoldTask task) {
        ExecutorTorch.configure();
        WalkForward.Plan plan = plan(databaseUrl, spec);
        FoldTask mine = task.fold() < plan.folds().size() ? FoldTask.of(plan.folds().get(task.fold())) : null;
        if (!task.equals(mine)) {
            throw new IllegalStateException("fold " + task.fold() + " is " + mine + " on this executor but "
                    + task + " on the driver: were surfaces stored while the job ran?");
        }
        return spec.runFold(plan, task.fold());
    }

    private static synchronized WalkForward.Plan plan(String databaseUrl, WalkForwardSpec spec) {
        String key = databaseUrl + "|" + spec;
        if (prepared == null || !prepared.key().equals(key)) {
            try (ReusedConnectionDataSource ds = new ReusedConnectionDataSource(DatabaseTarget.parse(databaseUrl))) {
                WalkForwardSpec.Inputs inputs = spec.read(source(new MarketDataStore(ds)));
                prepared = new Prepared(key, inputs, spec.plan(inputs));
            }
        }
        return prepared.plan();
    }

    static WalkForwardSpec.SurfaceSource source(MarketDataStore market) {
        return new WalkForwardSpec.SurfaceSource() {
            @Override
            public List<CanonicalSurface> surfacesUpTo(String ticker, LocalDate to) {
                return market.surfaces(ticker, LocalDate.of(1900, 1, 1), to);
            }

            @Override
            public List<LocalDate> sessions(String ticker) {
                return market.sessionDates(ticker);
            }
        };
    }

    private static DataSource driverDataSource(DatabaseTarget target) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(target.jdbcUrl());
        ds.setUser(target.user());
        ds.setPassword(target.password());
        ds.setApplicationName("volsurf spark evaluate driver");
        return ds;
    }

    /** Command-line arguments of the job. */
    record Arguments(String master, String databaseUrl, String ticker, LocalDate from, LocalDate to,
            int retrainEvery, int minTrainSessions, Path modelDir, Path configFile, List<String> overrides,
            boolean pricing) {

        static final String USAGE = "usage: WalkForwardJob [--master URL] DB_URL --ticker X --to DATE [--from DATE]"
                + " [--retrain-every K] [--min-train-sessions M] [--model-dir DIR | --config FILE] [--set KEY=VALUE]..."
                + " [--no-pricing]\n"
                + "  DB_URL  postgresql://user[:password]@host:port/database holding the ingested surfaces";

        /** The folds' training config: the model directory's, or --config/--set over the defaults. */
        ForecasterConfig config() {
            if (modelDir == null) {
                return ForecasterConfigFiles.resolve(new Properties(), configFile, overrides);
            }
            if (configFile != null || !overrides.isEmpty()) {
                throw new IllegalArgumentException("--model-dir " + modelDir + " gives the whole training config; use "
                        + "--config/--set without --model-dir to change it");
            }
            Path file = modelDir.resolve("config.json");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--model-dir " + modelDir + ": no config.json (a directory written "
                        + "by train)");
            }
            try {
                return ForecasterConfig.fromJson(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalArgumentException("--model-dir " + modelDir + ": cannot read config.json: "
                        + e.getMessage(), e);
            }
        }

        static Arguments parse(String[] args) {
            String master = null;
            String ticker = null;
            String from = null;
            String to = null;
            Integer k = null;
            Integer m = null;
            Path modelDir = null;
            Path config = null;
            List<String> overrides = new ArrayList<>();
            boolean pricing = true;
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--no-pricing")) {
                    pricing = false;
                    continue;
                }
                if (!arg.startsWith("--")) {
                    positional.add(arg);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--master" -> master = value;
                    case "--ticker" -> ticker = value;
                    case "--from" -> from = value;
                    case "--to" -> to = value;
                    case "--retrain-every" -> k = integer(arg, value);
                    case "--min-train-sessions" -> m = integer(arg, value);
                    case "--model-dir" -> modelDir = Path.of(value);
                    case "--config" -> config = Path.of(value);
                    case "--set" -> overrides.add(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (positional.size() != 1) {
                throw new IllegalArgumentException("expected one database URL, got " + positional.size()
                        + " argument(s) " + positional);
            }
            DatabaseTarget.parse(positional.get(0));
            if (ticker == null) {
                throw new IllegalArgumentException("--ticker is required: a ticker, a comma-separated list, or all");
            }
            if (to == null) {
                throw new IllegalArgumentException("--to is required (the last test session)");
            }
            LocalDate t = date("--to", to);
            LocalDate f = from == null ? null : date("--from", from);
            if (f != null && f.isAfter(t)) {
                throw new IllegalArgumentException("--from " + f + " is after --to " + t);
            }
            int retrain = k == null ? 5 : k;
            int minTrain = m == null ? 20 : m;
            if (retrain < 1) {
                throw new IllegalArgumentException("--retrain-every must be >= 1, got " + retrain);
            }
            if (minTrain < 2) {
                throw new IllegalArgumentException("--min-train-sessions must be >= 2, got " + minTrain);
            }
            return new Arguments(master, positional.get(0), ticker, f, t, retrain, minTrain, modelDir, config,
                    List.copyOf(overrides), pricing);
        }

        private static int integer(String flag, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " expects an integer, got '" + value + "'");
            }
        }

        private static LocalDate date(String flag, String value) {
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(flag + " expects an ISO date (YYYY-MM-DD), got '" + value + "'");
            }
        }
    }
}
