package io.volsurf.strategy.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.forward.ParityForwardEstimator;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.config.AmericanPricing;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.market.ForecastView;
import io.volsurf.strategy.market.MarketSession;
import io.volsurf.strategy.market.OptionMark;
import io.volsurf.strategy.market.SessionMarket;
import io.volsurf.strategy.result.PnlAttribution;
import io.volsurf.strategy.result.SessionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Both strategies on the real data under ../shared/data (dirty: last prices only for SPY, missing bids on
 * Deribit), with a carry-forward forecast (session t's own smile, shifted by +/-1.5 vol points on alternate
 * sessions so that the book trades both ways). Checks robustness, not profit: no exception, no NaN, the
 * attribution identity on every row, and the fill disclosure for the US data.
 */
class RealDataBacktestTest {
    private static final ContractPricer PRICER = new ContractPricer(new BlackScholesGreeks(), null,
            AmericanPricing.BLACK_SCHOLES_APPROXIMATION);
    private static final int SESSIONS = 8;

    private static Path sharedData() {
        String p = System.getProperty("volsurf.shared.data");
        Path dir = Path.of(p != null ? p : "../shared/data");
        Assumptions.assumeTrue(Files.isDirectory(dir), dir + " (../shared/data) absent: skipping real-data test");
        return dir;
    }

    private static List<SessionChain> read(List<Path> files) {
        List<SessionChain> chains = new ArrayList<>();
        new ChainIngestor().ingest(files, null, chains::add);
        chains.sort(Comparator.comparing(SessionChain::session));
        // a holiday folder can stand in for a session another file also holds: keep one chain per session
        List<SessionChain> unique = new ArrayList<>();
        for (SessionChain c : chains) {
            if (!c.quotes().isEmpty() && (unique.isEmpty()
                    || (c.session().isAfter(unique.get(unique.size() - 1).session())
                    && c.snapshot().isAfter(unique.get(unique.size() - 1).snapshot())))) {
                unique.add(c);
            }
        }
        return unique;
    }

    private static MarketSession session(SessionChain chain, ExerciseStyle style) {
        ParityForwardEstimator estimator = new ParityForwardEstimator();
        Map<LocalDate, List<OptionQuote>> byExpiry = new TreeMap<>();
        for (OptionQuote q : chain.quotes()) {
            byExpiry.computeIfAbsent(q.expiry(), e -> new ArrayList<>()).add(q);
        }
        List<ExpiryForward> forwards = new ArrayList<>();
        for (var e : byExpiry.entrySet()) {
            try {
                forwards.add(estimator.estimate(e.getKey(), e.getValue().get(0).maturityYears(), e.getValue(),
                        chain.spot()));
            } catch (RuntimeException ex) {
                // too few pairs for parity: the session's fallback carry applies to this expiry
            }
        }
        return MarketSession.of(chain, forwards, null, 0.04, 0.0, style);
    }

    /** Session t's OTM smiles as the forecast for t+1, shifted by {@code shiftVolPoints}. */
    private static ForecastView carryForward(MarketSession s, LocalDate next, double shiftVolPoints) {
        SessionMarket market = new SessionMarket(s, PRICER);
        Map<Double, TreeMap<Double, Double>> smiles = new TreeMap<>();
        // only what the default config can trade: saves most of the implied-vol work on SPY's 14,000 contracts
        for (OptionMark m : market.marksWhere((key, days, k, otm) -> otm && days >= 1 && days <= 200
                && Math.abs(k) <= 0.3)) {
            if (m.impliedVol() < 3) {
                smiles.computeIfAbsent(m.maturityYears(), t -> new TreeMap<>()).put(m.logMoneyness(), m.impliedVol());
            }
        }
        double gap = ChronoUnit.DAYS.between(s.session(), next) / 365.0;
        return new ForecastView() {
            @Override
            public LocalDate forecastFor() {
                return next;
            }

            @Override
            public double impliedVol(double maturityYears, double k) {
                double t = maturityYears + gap;
                Double best = null;
                for (Double tt : smiles.keySet()) {
                    if (best == null || Math.abs(tt - t) < Math.abs(best - t)) {
                        best = tt;
                    }
                }
                if (best == null || Math.abs(best - t) > 1e-6) {
                    return Double.NaN;
                }
                TreeMap<Double, Double> smile = smiles.get(best);
                var lo = smile.floorEntry(k);
                var hi = smile.ceilingEntry(k);
                double v = lo == null ? hi.getValue() : hi == null ? lo.getValue()
                        : lo.getKey().equals(hi.getKey()) ? lo.getValue()
                        : lo.getValue() + (hi.getValue() - lo.getValue()) * (k - lo.getKey()) / (hi.getKey() - lo.getKey());
                return v + shiftVolPoints / 100;
            }
        };
    }

    private static List<SessionInput> inputs(List<SessionChain> chains, ExerciseStyle style) {
        List<MarketSession> sessions = chains.stream().map(c -> session(c, style)).toList();
        List<SessionInput> out = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            ForecastView f = i + 1 < sessions.size()
                    ? carryForward(sessions.get(i), sessions.get(i + 1).session(), i % 2 == 0 ? 1.5 : -1.5) : null;
            out.add(new SessionInput(sessions.get(i), f));
        }
        return out;
    }

    /** Runs DELTA and DELTA_GAMMA; returns the DELTA summary. */
    private static BacktestSummary check(List<SessionInput> inputs, StrategyConfig base, boolean expectDisclosure) {
        BacktestSummary first = null;
        for (HedgeMode mode : new HedgeMode[] {HedgeMode.DELTA, HedgeMode.DELTA_GAMMA}) {
            List<SessionResult> results = new ArrayList<>();
            BacktestSummary s = new BacktestEngine(base.toBuilder().hedgeMode(mode).build(), PRICER)
                    .run(inputs, results::add);
            first = first == null ? s : first;
            assertEquals(inputs.size(), s.sessions());
            assertTrue(s.trades() > 0, mode + ": no trades");
            assertTrue(Double.isFinite(s.totalPnl()) && Double.isFinite(s.sharpe()) && Double.isFinite(s.maxDrawdown()),
                    mode + ": " + s);
            assertTrue(s.maxIdentityError() <= 1e-8, mode + ": identity error " + s.maxIdentityError());
            for (SessionResult r : results) {
                for (PnlAttribution a : r.attributions()) {
                    assertTrue(Double.isFinite(a.total()) && Double.isFinite(a.residual()), a.toString());
                }
            }
            if (expectDisclosure) {
                assertNotNull(s.fillDisclosure());
                assertTrue(s.fillDisclosure().startsWith("US data: last prices only"));
            }
            System.out.printf("%s %s: sessions=%d trades=%d totalPnl=%.0f hedgedStd=%.0f unhedgedStd=%.0f "
                    + "hedgeErrorStd=%.0f fillsQuoted=%d fillsAssumed=%d rmseVolPts=%.2f%n", s.ticker(), mode,
                    s.sessions(), s.trades(), s.totalPnl(), s.hedgedPnlStd(), s.unhedgedPnlStd(), s.hedgeErrorStd(),
                    s.fillsQuoted(), s.fillsAssumed(), s.evaluation().rmseVolPoints());
        }
        return first;
    }

    @Test
    void spyLastPricesBothStrategies() throws IOException {
        Path root = sharedData().resolve("us-options");
        Assumptions.assumeTrue(Files.isDirectory(root), root + " absent: skipping real-data test");
        List<Path> files;
        try (Stream<Path> dirs = Files.list(root)) {
            files = dirs.sorted().map(d -> d.resolve("SPY.json.gz")).filter(Files::exists).limit(SESSIONS + 2).toList();
        }
        List<SessionChain> chains = read(files);
        assertTrue(chains.size() >= SESSIONS, "sessions read: " + chains.size());
        check(inputs(chains.subList(0, SESSIONS), ExerciseStyle.AMERICAN), StrategyConfig.usEquity(), true);
    }

    @Test
    void deribitBitcoinBidAskBothStrategies() throws IOException {
        Path root = sharedData().resolve("crypto-deribit");
        Assumptions.assumeTrue(Files.isDirectory(root), root + " absent: skipping real-data test");
        List<Path> files;
        try (Stream<Path> all = Files.list(root)) {
            files = all.sorted().limit(SESSIONS).toList();
        }
        List<SessionChain> chains = read(files).stream().filter(c -> c.underlying().equals("BTC")).toList();
        assertTrue(chains.size() >= SESSIONS - 1, "BTC sessions read: " + chains.size());
        List<SessionInput> in = inputs(chains, ExerciseStyle.EUROPEAN);
        BacktestSummary s = check(in, StrategyConfig.deribit(), false);
        assertTrue(s.fillsQuoted() > s.fillsAssumed(), "Deribit has bid/ask: " + s);
        if (s.fillsAssumed() == 0) {
            assertNull(s.fillDisclosure());
        }
    }
}
