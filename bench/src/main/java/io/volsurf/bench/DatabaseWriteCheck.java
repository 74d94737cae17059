package io.volsurf.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.backtest.BacktestStore;
import io.volsurf.db.embedded.EmbeddedDatabase;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.market.MarketDataStore.QuoteAnalytics;
import io.volsurf.db.market.MarketDataStore.QuoteKey;
import io.volsurf.db.market.MarketDataStore.SessionAnalytics;
import io.volsurf.db.schema.SchemaMigrator;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.result.AttributionScope;
import io.volsurf.strategy.result.DailyPnl;
import io.volsurf.strategy.result.FillSource;
import io.volsurf.strategy.result.ForecastVsRealized;
import io.volsurf.strategy.result.PnlAttribution;
import io.volsurf.strategy.result.PositionRole;
import io.volsurf.strategy.result.PositionSnapshot;
import io.volsurf.strategy.result.SessionResult;
import io.volsurf.strategy.result.Trade;
import io.volsurf.strategy.result.TradeReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rows per second into PostgreSQL through the real write paths, on an embedded PostgreSQL in a temp
 * directory (the one the CLI uses, default server settings): (a) quotes through
 * {@link MarketDataStore#replaceSession} (one transaction per session: delete, COPY quotes, rejects), on
 * the SPY sessions of {@code us-options} when {@code -Dvolsurf.shared.data} has them, else a synthetic
 * market; (b) backtest rows through {@link BacktestStore#saveSession} (one transaction per session:
 * COPY trades, positions, daily PnL, attribution, forecast vs realised, and the run's last session).
 * <pre>java -Dvolsurf.shared.data=../shared/data -cp bench/target/benchmarks.jar io.volsurf.bench.DatabaseWriteCheck [rounds]</pre>
 */
public final class DatabaseWriteCheck {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path home = Files.createTempDirectory("volsurf-bench-pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home, 0)) {
            DatabaseTarget target = db.target();
            new SchemaMigrator(target).migrate();
            try (AgroalDataSource ds = pool(target)) {
                List<SessionChain> chains = chains(home);
                long quotes = chains.stream().mapToLong(c -> c.quotes().size()).sum();
                System.out.printf("quotes: %d sessions, %d rows (%s)%n", chains.size(), quotes, chains.get(0).sourceFile());
                List<SessionAnalytics> analytics = chains.stream().map(DatabaseWriteCheck::analytics).toList();
                MarketDataStore market = new MarketDataStore(ds);
                long ingestRun = market.startIngestRun("bench");

                List<SessionResult> results = sessionResults(250, 200, 1200, 20);
                long rows = results.stream().mapToLong(DatabaseWriteCheck::rows).sum();
                System.out.printf("backtest rows: %d sessions, %d rows (trades, positions, daily PnL, attribution, "
                        + "forecast vs realised)%n", results.size(), rows);
                BacktestStore store = new BacktestStore(ds);
                for (int r = 1; r <= rounds; r++) {
                    Clock clock = new Clock(db);
                    for (int i = 0; i < chains.size(); i++) {
                        market.replaceSession(ingestRun, chains.get(i), "bench", analytics.get(i));
                    }
                    clock.report("  round " + r + ", quotes, binary COPY (MarketDataStore)", quotes);
                    try (io.volsurf.db.jdbc.RunOwnerLock claim = store.startRun("delta", "BENCH", null, results.get(0).date(),
                            results.get(results.size() - 1).date(), "{}", "bench", "bench")) {
                        clock = new Clock(db);
                        for (SessionResult res : results) {
                            store.saveSession(claim.runId(), "bench-model", res);
                        }
                        clock.report("  round " + r + ", backtest rows, binary COPY (BacktestStore)", rows);
                    }
                }
            }
        } finally {
            try (var paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Wall time, and the CPU time of this process and of the PostgreSQL server (postmaster and its
     * backends, from /proc). Client and server take turns on each COPY, so rows / (client + server CPU)
     * is the rate on an idle machine, whatever else is running on this one.
     */
    static final class Clock {
        private final long pid;
        private final long wall0 = System.nanoTime();
        private final long client0 = clientCpuNanos();
        private final long server0;

        Clock(EmbeddedDatabase db) throws Exception {
            pid = Long.parseLong(Files.readAllLines(db.dataDirectory().resolve("postmaster.pid")).get(0).trim());
            server0 = serverCpuNanos(pid);
        }

        void report(String what, long rows) throws Exception {
            double wall = (System.nanoTime() - wall0) * 1e-9;
            double client = (clientCpuNanos() - client0) * 1e-9;
            double server = (serverCpuNanos(pid) - server0) * 1e-9;
            System.out.printf("%s: %,d rows in %.2f s wall = %,.0f rows/s; CPU client %.2f s + server %.2f s "
                    + "= %,.0f rows per CPU second%n", what, rows, wall, rows / wall, client, server, rows / (client + server));
        }

        private static long clientCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** utime + stime of the postmaster and its children, in nanoseconds (clock ticks of 10 ms). */
        private static long serverCpuNanos(long postmaster) throws Exception {
            long ticks = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String stat;
                    try {
                        stat = Files.readString(p.resolve("stat"));
                    } catch (java.io.IOException gone) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long self = Long.parseLong(name);
                    if (self == postmaster || Long.parseLong(f[1]) == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            }
            return ticks * 10_000_000L;
        }
    }

    static AgroalDataSource pool(DatabaseTarget target) throws java.sql.SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(4)
                        .connectionFactoryConfiguration(f -> {
                            f.jdbcUrl(target.jdbcUrl()).principal(new NamePrincipal(target.user()));
                            if (target.password() != null) {
                                f.credential(new SimplePassword(target.password()));
                            }
                            return f;
                        })));
    }

    /** Up to 10 SPY sessions of us-options, else 10 synthetic sessions. */
    static List<SessionChain> chains(Path tmp) throws Exception {
        Path data = Path.of(System.getProperty("volsurf.shared.data", "../shared/data")).resolve("us-options");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(data)) {
            try (var days = Files.list(data)) {
                days.sorted().map(d -> d.resolve("SPY.json.gz")).filter(Files::isRegularFile).limit(10).forEach(files::add);
            }
        }
        if (files.isEmpty()) {
            Path dir = tmp.resolve("market");
            files.addAll(new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(10, 1), dir).chainFiles());
        }
        List<SessionChain> out = new ArrayList<>();
        new ChainIngestor().ingest(files, null, out::add);
        return out;
    }

    /** Every quote with implied vols and a forward, as the surface builder fills them for smile quotes. */
    static SessionAnalytics analytics(SessionChain chain) {
        Map<QuoteKey, QuoteAnalytics> quotes = new HashMap<>();
        for (OptionQuote q : chain.quotes()) {
            double iv = 0.15 + 0.1 * Math.abs(Math.log(q.strike() / chain.spot()));
            quotes.put(QuoteKey.of(q), new QuoteAnalytics(iv, iv - 0.004, iv + 0.004, chain.spot() * 1.001));
        }
        return new SessionAnalytics(quotes, Map.of(), List.of(), null, null);
    }

    static long rows(SessionResult r) {
        return r.trades().size() + r.positions().size() + 1 + r.attributions().size() + r.forecastVsRealized().size();
    }

    /** Sessions of a busy book: positions with Greeks, their attribution, forecast rows per contract and cell. */
    static List<SessionResult> sessionResults(int sessions, int positions, int forecasts, int trades) {
        SplittableRandom rnd = new SplittableRandom(7);
        List<SessionResult> out = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 1, 2);
        for (int s = 0; s < sessions; s++, day = day.plusDays(1)) {
            List<Trade> t = new ArrayList<>();
            List<PositionSnapshot> p = new ArrayList<>();
            List<PnlAttribution> a = new ArrayList<>();
            List<ForecastVsRealized> f = new ArrayList<>();
            for (int i = 0; i < trades; i++) {
                t.add(new Trade(day, "BENCH", s * 1000L + i, PositionRole.TRADING, contract(rnd, day), rnd.nextDouble(-20, 20),
                        rnd.nextDouble(0.5, 40), rnd.nextDouble(0.5, 40), 100, 0.65, rnd.nextDouble(0, 5),
                        FillSource.ASSUMED_HALF_SPREAD, TradeReason.ENTRY));
            }
            for (int i = 0; i < positions; i++) {
                ContractKey k = contract(rnd, day);
                p.add(new PositionSnapshot(day, "BENCH", i, PositionRole.TRADING, k, rnd.nextDouble(-20, 20), 100,
                        rnd.nextDouble(400, 600), rnd.nextDouble(0.01, 1), rnd.nextDouble(0.1, 0.5),
                        rnd.nextDouble(0.1, 0.5), rnd.nextDouble(0.5, 40), rnd.nextDouble(-1, 1), rnd.nextDouble(0, 0.05),
                        rnd.nextDouble(0, 2), rnd.nextDouble(-1, 0), false));
                double d = rnd.nextDouble(-50, 50);
                double g = rnd.nextDouble(-50, 50);
                double v = rnd.nextDouble(-50, 50);
                double th = rnd.nextDouble(-50, 50);
                double res = rnd.nextDouble(-5, 5);
                double fp = rnd.nextDouble(-50, 50);
                a.add(new PnlAttribution(day, "BENCH", AttributionScope.POSITION, i, PositionRole.TRADING, k,
                        d + g + v + th + res, d, g, v, th, res, fp, v - fp));
            }
            a.add(new PnlAttribution(day, "BENCH", AttributionScope.PORTFOLIO, 0, null, null, 10, 2, 2, 2, 2, 2, 1, 1));
            for (int i = 0; i < forecasts; i++) {
                f.add(ForecastVsRealized.contract(day.minusDays(1), day, "BENCH", contract(rnd, day),
                        rnd.nextDouble(0.01, 1), rnd.nextDouble(-0.5, 0.5), rnd.nextDouble(0.1, 0.5),
                        rnd.nextDouble(0.1, 0.5), rnd.nextDouble(0.1, 0.5)));
            }
            DailyPnl daily = new DailyPnl(day, "BENCH", 1, 1, 0, 0, 1, 0.65, 1, s, 1e6, 1e5, 0.1, 0.01, 5, -3, trades,
                    positions);
            out.add(new SessionResult(s, day, "BENCH", t, p, daily, a, f, List.of()));
        }
        return out;
    }

    private static ContractKey contract(SplittableRandom rnd, LocalDate day) {
        return new ContractKey(day.plusDays(rnd.nextInt(1, 400)), 5 * rnd.nextInt(60, 140),
                rnd.nextBoolean() ? OptionType.CALL : OptionType.PUT);
    }
}
