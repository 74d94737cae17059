package io.volsurf.bench;

import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.backtest.BacktestEngine;
import io.volsurf.strategy.backtest.BacktestSummary;
import io.volsurf.strategy.backtest.SessionInput;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.result.SessionResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    public void setUp() throws Exception {
        // the same SPY sessions and flat forecasts as AmericanBacktestCheck: one loader for both
        inputs = AmericanBacktestCheck.spyInputs(Path.of(System.getProperty("volsurf.shared.data", "../shared/data")));
        StrategyConfig config = StrategyConfig.usEquity().toBuilder().hedgeMode(HedgeMode.valueOf(hedgeMode)).build();
        engine = new BacktestEngine(config, new ContractPricer(new BlackScholesGreeks(), null,
                AmericanPricing.BLACK_SCHOLES_APPROXIMATION));
        long[] rows = new long[1];
        BacktestSummary s = engine.run(inputs, r -> rows[0] += rowCount(r));
        rowsPerRun = rows[0];
        System.out.printf("%nSPY sessions=%d quotes=%d trades=%d result rows per run=%d totalPnl=%.0f%n",
                inputs.size(), inputs.stream().mapToLong(in -> in.market().quotes().size()).sum(), s.trades(), rowsPerRun,
                s.totalPnl());
    }

    private static long rowCount(SessionResult r) {
        return r.trades().size() + r.positions().size() + r.attributions().size() + r.forecastVsRealized().size() + 1;
    }

    /** One whole backtest over every SPY session. */
    @Benchmark
    public BacktestSummary backtestAllSpySessions(Blackhole bh) {
        return engine.run(inputs, bh::consume);
    }
}
