package io.volsurf.bench;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.forward.ParityForwardEstimator;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.backtest.BacktestEngine;
import io.volsurf.strategy.backtest.BacktestSummary;
import io.volsurf.strategy.backtest.SessionInput;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.market.ForecastView;
import io.volsurf.strategy.market.MarketSession;
import io.volsurf.strategy.result.SessionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The strategy event loop (no database) over every SPY session of ../shared/data (the largest US chain, about
 * 6,000 quotes a session after validation): per session the quote index, implied vols of every listed contract,
 * selection, exits, hedging, Greeks, attribution and the evaluation hooks. The chains are read and the forwards
 * estimated once in the setup; the forecast is the market level shifted by +/-1.5 vol points on alternate
 * sessions (flat), enough to make the book trade every session. One op = one whole backtest.
 * Needs {@code -Dvolsurf.shared.data=DIR} unless ../shared/data is beside the working directory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
public class BacktestBenchmark {

    @Param({"DELTA", "DELTA_GAMMA"})
    public String hedgeMode;

    private List<SessionInput> inputs;
    private BacktestEngine engine;
    private long rowsPerRun;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path root = Path.of(System.getProperty("volsurf.shared.data", "../shared/data")).resolve("us-options");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(root + " absent: the backtest benchmark reads the real SPY chains");
        }
        List<Path> files;
        try (Stream<Path> dirs = Files.list(root)) {
            files = dirs.sorted().map(d -> d.resolve("SPY.json.gz")).filter(Files::exists).toList();
        }
        List<SessionChain> chains = new ArrayList<>();
        new ChainIngestor().ingest(files, null, chains::add);
        chains.sort(Comparator.comparing(SessionChain::session));
        List<MarketSession> sessions = new ArrayList<>();
        ParityForwardEstimator estimator = new ParityForwardEstimator();
        for (SessionChain c : chains) {
            if (c.quotes().isEmpty() || (!sessions.isEmpty()
                    && !c.session().isAfter(sessions.get(sessions.size() - 1).session()))) {
                continue;
            }
            Map<LocalDate, List<OptionQuote>> byExpiry = new TreeMap<>();
            for (OptionQuote q : c.quotes()) {
                byExpiry.computeIfAbsent(q.expiry(), e -> new ArrayList<>()).add(q);
            }
            List<ExpiryForward> forwards = new ArrayList<>();
            for (var e : byExpiry.entrySet()) {
                try {
                    forwards.add(estimator.estimate(e.getKey(), e.getValue().get(0).maturityYears(), e.getValue(),
                            c.spot()));
                } catch (RuntimeException ex) {
                    // the session's fallback carry applies
                }
            }
            sessions.add(MarketSession.of(c, forwards, null, 0.04, 0.0, ExerciseStyle.AMERICAN));
        }
        inputs = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            ForecastView f = i + 1 < sessions.size() ? flat(sessions.get(i + 1).session(), i % 2 == 0 ? 0.17 : 0.12)
                    : null;
            inputs.add(new SessionInput(sessions.get(i), f));
        }
        StrategyConfig config = StrategyConfig.usEquity().toBuilder().hedgeMode(HedgeMode.valueOf(hedgeMode)).build();
        engine = new BacktestEngine(config, new ContractPricer(new BlackScholesGreeks(), null,
                AmericanPricing.BLACK_SCHOLES_APPROXIMATION));
        long[] rows = new long[1];
        BacktestSummary s = engine.run(inputs, r -> rows[0] += rowCount(r));
        rowsPerRun = rows[0];
        System.out.printf("%nSPY sessions=%d quotes=%d trades=%d result rows per run=%d totalPnl=%.0f%n",
                inputs.size(), sessions.stream().mapToLong(m -> m.quotes().size()).sum(), s.trades(), rowsPerRun,
                s.totalPnl());
    }

    private static long rowCount(SessionResult r) {
        return r.trades().size() + r.positions().size() + r.attributions().size() + r.forecastVsRealized().size() + 1;
    }

    private static ForecastView flat(LocalDate next, double vol) {
        return new ForecastView() {
            @Override
            public LocalDate forecastFor() {
                return next;
            }

            @Override
            public double impliedVol(double maturityYears, double logMoneyness) {
                return vol;
            }
        };
    }

    /** One whole backtest over every SPY session. */
    @Benchmark
    public BacktestSummary backtestAllSpySessions(Blackhole bh) {
        return engine.run(inputs, bh::consume);
    }
}
