package io.volsurf.bench;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.forward.ParityForwardEstimator;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.GreeksEngine;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.greeks.quantlib.AmericanEngine;
import io.volsurf.greeks.quantlib.QuantLibEngineConfig;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import io.volsurf.strategy.backtest.BacktestEngine;
import io.volsurf.strategy.backtest.BacktestListener;
import io.volsurf.strategy.backtest.BacktestSummary;
import io.volsurf.strategy.backtest.SessionInput;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.market.ForecastView;
import io.volsurf.strategy.market.MarketSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * American pricing in the backtest path: the strategy event loop (no database) over the first N real SPY sessions
 * of ../shared/data with American options priced by the Black-Scholes approximation, QuantLib BAW, Bjerksund-
 * Stensland and FD (through the project's binding, one engine per run, as {@code BacktestService} does). Prints
 * per engine the American pricings (price + Greeks: BAW and Bjerksund by bumps) the run made, their rate inside
 * the engine, and the whole run's wall time. Each run is made twice and the second is reported (JIT warm).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.volsurf.bench.AmericanBacktestCheck [SESSIONS] [FD_SESSIONS]
 * [ENGINES]} (defaults 20, 3 and all of BS-approximation,BAW,BJERKSUND,FD,JAVA_BAW: FD prices about two orders of
 * magnitude slower; JAVA_BAW is the pure-Java Barone-Adesi-Whaley with analytic Greeks).
 */
public final class AmericanBacktestCheck {

    /** Counts and times the engine's calls. */
    static final class Counting implements GreeksEngine {
        final GreeksEngine inner;
        long calls;
        long nanos;

        Counting(GreeksEngine inner) {
            this.inner = inner;
        }

        @Override
        public Greeks price(OptionContract contract, PricingInputs inputs) {
            long t0 = System.nanoTime();
            Greeks g;
            try {
                g = inner.price(contract, inputs);
            } catch (RuntimeException e) {
                System.out.println("FAILED " + contract + " " + inputs + ": " + e.getMessage());
                throw e;
            }
            nanos += System.nanoTime() - t0;
            calls++;
            return g;
        }

        @Override
        public void priceInto(ContractBatch batch, GreeksBatch out) {
            long t0 = System.nanoTime();
            inner.priceInto(batch, out);
            nanos += System.nanoTime() - t0;
            calls += batch.size();
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int nFd = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<SessionInput> all = spyInputs(Path.of(System.getProperty("volsurf.shared.data", "../shared/data")));
        System.out.printf("SPY: %d sessions available; %d used (FD: %d); %d cores%n", all.size(), n, nFd,
                Runtime.getRuntime().availableProcessors());
        StrategyConfig config = StrategyConfig.usEquity().toBuilder().hedgeMode(HedgeMode.DELTA).build();
        String[] engines = args.length > 2 ? args[2].split(",")
                : new String[] {"BS-approximation", "BAW", "BJERKSUND", "FD", "JAVA_BAW"};
        for (String engine : engines) {
            int sessions = engine.equals("FD") ? nFd : n;
            List<SessionInput> inputs = all.subList(0, Math.min(sessions, all.size()));
            for (int pass = 0; pass < 2; pass++) {
                long t0 = System.nanoTime();
                Counting counting;
                BacktestSummary s;
                if (engine.equals("BS-approximation")) {
                    counting = new Counting(new BlackScholesGreeks());
                    ContractPricer pricer = new ContractPricer(counting, null, AmericanPricing.BLACK_SCHOLES_APPROXIMATION);
                    s = new BacktestEngine(config, pricer).run(inputs, BacktestListener.ignoring());
                } else if (engine.equals("JAVA_BAW")) {
                    counting = new Counting(new io.volsurf.greeks.baw.BaroneAdesiWhaleyGreeks());
                    ContractPricer pricer = new ContractPricer(new BlackScholesGreeks(), counting,
                            AmericanPricing.AMERICAN_ENGINE);
                    s = new BacktestEngine(config.toBuilder().americanEngine(AmericanEngine.JAVA_BAW).build(), pricer)
                            .run(inputs, BacktestListener.ignoring());
                } else {
                    try (QuantLibGreeksEngine ql = new QuantLibGreeksEngine(
                            QuantLibEngineConfig.of(AmericanEngine.valueOf(engine)))) {
                        counting = new Counting(ql);
                        ContractPricer pricer = new ContractPricer(new BlackScholesGreeks(), counting,
                                AmericanPricing.AMERICAN_ENGINE);
                        s = new BacktestEngine(config, pricer).run(inputs, BacktestListener.ignoring());
                    }
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                if (pass == 1) {
                    System.out.printf("%-17s sessions %2d: %,9d American pricings (price+Greeks), %,10.0f /s in the "
                            + "engine, %6.2f s engine, run wall %6.2f s (%.3f s/session); trades %d, PnL %.0f, "
                            + "early ex. %d%n", engine, inputs.size(), counting.calls,
                            counting.calls / (counting.nanos / 1e9), counting.nanos / 1e9, wall, wall / inputs.size(),
                            s.trades(), s.totalPnl(), s.earlyExercises());
                }
            }
        }
    }

    /** Every SPY session of ../shared/data/us-options with its parity forwards; a flat forecast that trades. */
    static List<SessionInput> spyInputs(Path data) throws Exception {
        Path root = data.resolve("us-options");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(root + " absent: this check reads the real SPY chains");
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
        List<SessionInput> inputs = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            LocalDate next = i + 1 < sessions.size() ? sessions.get(i + 1).session() : null;
            double vol = i % 2 == 0 ? 0.17 : 0.12;
            ForecastView f = next == null ? null : new ForecastView() {
                @Override
                public LocalDate forecastFor() {
                    return next;
                }

                @Override
                public double impliedVol(double maturityYears, double logMoneyness) {
                    return vol;
                }
            };
            inputs.add(new SessionInput(sessions.get(i), f));
        }
        return inputs;
    }
}
