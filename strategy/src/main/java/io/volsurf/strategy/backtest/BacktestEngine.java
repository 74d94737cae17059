package io.volsurf.strategy.backtest;

import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.strategy.attribution.PnlAttributor;
import io.volsurf.strategy.config.EarlyExercise;
import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.HedgeVolSource;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.execution.ExecutionModel;
import io.volsurf.strategy.execution.Fill;
import io.volsurf.strategy.hedging.BookGreeks;
import io.volsurf.strategy.hedging.DeltaGammaHedger;
import io.volsurf.strategy.hedging.DeltaHedger;
import io.volsurf.strategy.hedging.HedgeTargets;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.market.ForecastView;
import io.volsurf.strategy.market.IvSource;
import io.volsurf.strategy.market.MarketSession;
import io.volsurf.strategy.market.OptionMark;
import io.volsurf.strategy.market.SessionMarket;
import io.volsurf.strategy.portfolio.Holding;
import io.volsurf.strategy.portfolio.OpenTrade;
import io.volsurf.strategy.portfolio.Portfolio;
import io.volsurf.strategy.result.DailyPnl;
import io.volsurf.strategy.result.FillSource;
import io.volsurf.strategy.result.ForecastVsRealized;
import io.volsurf.strategy.result.PnlAttribution;
import io.volsurf.strategy.result.PositionRole;
import io.volsurf.strategy.result.PositionSnapshot;
import io.volsurf.strategy.result.SessionResult;
import io.volsurf.strategy.result.Trade;
import io.volsurf.strategy.result.TradeReason;
import io.volsurf.strategy.selection.Candidate;
import io.volsurf.strategy.selection.CandidateLeg;
import io.volsurf.strategy.selection.ContractSelector;
import io.volsurf.strategy.selection.ExitRules;
import io.volsurf.strategy.selection.PositionSizer;
import io.volsurf.strategy.selection.SizedTrade;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The deterministic event loop of a backtest over one underlying's sessions. Per session t, in order:
 * <ol>
 *   <li>data: index the session's quotes, mark the positions carried from t-1 (settle expired ones at
 *       intrinsic value), attribute their PnL and compare t-1's forecast with t's IVs;</li>
 *   <li>American options deep in the money: flag, or exercise (config);</li>
 *   <li>strategy: exits (days to expiry, holding period, gap closed), then entries from the forecast for t+1;</li>
 *   <li>execution and hedging: fills, then the delta or delta-gamma rebalance;</li>
 *   <li>portfolio: snapshots with Greeks at the market IV, daily PnL; the listener gets the session.</li>
 * </ol>
 * A run is a pure function of (sessions, config): no global state, the same inputs give the same results,
 * and the engine itself holds no run state, so one engine may run many backtests side by side. Resuming after a
 * session replays the run from the start and delivers only the later sessions (replay is cheap next to the
 * database writes it saves, and needs no stored engine state).
 */
public final class BacktestEngine {
    private final StrategyConfig config;
    private final ContractPricer pricer;

    public BacktestEngine(StrategyConfig config, ContractPricer pricer) {
        if (config == null || pricer == null) {
            throw new IllegalArgumentException("config and pricer are required");
        }
        this.config = config;
        this.pricer = pricer;
    }

    public StrategyConfig config() {
        return config;
    }

    /** Runs every session and delivers each to the listener. */
    public BacktestSummary run(Iterable<SessionInput> sessions, BacktestListener listener) {
        return run(sessions, listener, null);
    }

    /**
     * Runs every session; delivers to the listener only sessions after {@code resumeAfter} (all when null).
     * The summary always covers the whole run.
     *
     * @throws IllegalArgumentException naming the field when sessions are empty, mix tickers or are not in
     *                                  increasing order
     */
    public BacktestSummary run(Iterable<SessionInput> sessions, BacktestListener listener, LocalDate resumeAfter) {
        if (sessions == null || listener == null) {
            throw new IllegalArgumentException("sessions and listener are required");
        }
        Run run = new Run();
        for (SessionInput in : sessions) {
            SessionResult r = run.step(in);
            if (resumeAfter == null || r.date().isAfter(resumeAfter)) {
                listener.onSession(r);
            }
        }
        if (run.index == 0) {
            throw new IllegalArgumentException("sessions must not be empty");
        }
        return run.summary();
    }

    /** What one session's phases share: its market and forecast, and the fills, notes and rows they add to. */
    private static final class Today {
        final MarketSession ms;
        final SessionMarket market;
        final LocalDate date;
        final double spot;
        final double dtYears;
        final ForecastView forecast;
        final double gapYears;
        final List<Trade> fills = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<PnlAttribution> rows = new ArrayList<>();
        final List<ForecastVsRealized> fvr = new ArrayList<>();
        final Map<ContractKey, OptionMark> marks = new TreeMap<>();
        final Map<ContractKey, Greeks> marketGreeks = new HashMap<>();
        /** American positions past the exercise boundary that were kept (FLAG). */
        final Set<ContractKey> flagged = new TreeSet<>();
        /** Mark-to-market PnL of the carried positions, and of their trading book. */
        double mtm;
        double tradingBookPnl;

        Today(MarketSession ms, SessionMarket market, double dtYears, ForecastView forecast) {
            this.ms = ms;
            this.market = market;
            this.date = ms.session();
            this.spot = ms.spot();
            this.dtYears = dtYears;
            this.forecast = forecast;
            this.gapYears = forecast == null ? 0.0 : Act365F.years(date, forecast.forecastFor());
        }
    }

    /** The book at a session's close, and what the next session starts from. */
    private record Close(Map<ContractKey, PositionSnapshot> snapshots, List<PositionSnapshot> positions,
            PositionSnapshot underlying, double value, DailyPnl daily, PnlAttribution portfolioRow) {
    }

    /** One run's mutable state; lives for one call of {@link #run}. */
    private final class Run {
        private final Portfolio book = new Portfolio();
        private final PnlAttributor attributor = new PnlAttributor();
        private final ExecutionModel execution = new ExecutionModel(config);
        private final ContractSelector selector = new ContractSelector(config, pricer);
        private final PositionSizer sizer = new PositionSizer(config);
        private final ExitRules exits = new ExitRules(config);
        private final DeltaHedger deltaHedger = new DeltaHedger(config);
        private final DeltaGammaHedger deltaGammaHedger = new DeltaGammaHedger(config);

        private int index;
        private String ticker;
        private LocalDate firstDate;
        private LocalDate lastDate;
        private Instant lastAsOf;
        private ForecastView lastForecast;
        private Map<ContractKey, PositionSnapshot> lastSnapshots = new TreeMap<>();
        private PositionSnapshot lastUnderlying;
        private double lastValue;

        // summary accumulators
        private final List<Double> dailyTotal = new ArrayList<>();
        private final List<Double> dailyMtm = new ArrayList<>();
        private final List<Double> dailyTradingBook = new ArrayList<>();
        private final List<Double> dailyHedgeError = new ArrayList<>();
        private double turnover, hedgeTurnover, commissions, spreadCost;
        private long trades, fillsQuoted, fillsAssumed, earlyFlags, earlyExercises;
        private double sumDelta, sumGamma, sumVega, sumTheta, sumResidual, sumPredicted, sumError;
        private double maxIdentityError;
        private long fvrCount;
        private double fvrVolSq, fvrTvSq, fvrCarrySq;
        private long fvrCarryCount;
        private long arbitrageViolations = -1;
        private long priced;
        private double pricingSq, pricingAbs;

        SessionResult step(SessionInput in) {
            MarketSession ms = in.market();
            checkOrder(ms);
            Today d = new Today(ms, new SessionMarket(ms, pricer),
                    lastAsOf == null ? 0.0 : Act365F.years(lastAsOf, ms.asOf()), in.forecast());
            markCarried(d);
            exerciseEarly(d);
            exit(d);
            enter(d);
            if (config.hedgeMode() != HedgeMode.NONE) {
                hedge(d.market, d.forecast, d.gapYears, d.marks, d.fills, d.date);
            }
            Close close = close(d);
            evaluate(d, close);

            SessionResult result = new SessionResult(index, d.date, ms.ticker(), d.fills, close.positions(),
                    close.daily(), d.rows, d.fvr, d.notes);
            lastSnapshots = close.snapshots();
            lastUnderlying = close.underlying();
            lastValue = close.value();
            lastAsOf = ms.asOf();
            lastDate = d.date;
            lastForecast = d.forecast;
            index++;
            return result;
        }

        /** Carried positions: mark, settle expired ones at intrinsic, attribute, compare t-1's forecast with t. */
        private void markCarried(Today d) {
            for (Holding h : book.options()) {
                PositionSnapshot prev = lastSnapshots.get(h.key());
                double t = d.market.maturityYears(h.expiryInstant());
                if (!(t > 0)) {
                    double intrinsic = h.key().intrinsic(d.spot);
                    d.rows.add(attributor.attribute(prev, d.date, intrinsic, d.spot, Double.NaN, d.dtYears));
                    Fill f = execution.settlement(h.key(), d.spot, -h.quantity());
                    // in the money: settled by exercise (long) or assignment (short) at the close
                    TradeReason why = !(intrinsic > 0) ? TradeReason.SETTLEMENT
                            : h.quantity() > 0 ? TradeReason.EXERCISE : TradeReason.ASSIGNMENT;
                    if (why != TradeReason.SETTLEMENT) {
                        d.notes.add((why == TradeReason.EXERCISE ? "exercised at expiry: " : "assigned at expiry: ")
                                + h.key().id() + " (quantity " + h.quantity() + ", intrinsic " + intrinsic + ")");
                    }
                    book(d.fills, d.date, h, f, why);
                    continue;
                }
                OptionMark m = markOf(d.market, h, prev.impliedVol());
                d.marks.put(h.key(), m);
                d.rows.add(attributor.attribute(prev, d.date, m.priceUsd(), d.spot, m.impliedVol(), d.dtYears));
                if (Double.isFinite(prev.forecastIvNext()) && m.ivSource() != IvSource.CARRIED) {
                    d.fvr.add(ForecastVsRealized.contract(lastDate, d.date, d.ms.ticker(), h.key(), m.maturityYears(),
                            m.logMoneyness(), prev.impliedVol(), prev.forecastIvNext(), m.impliedVol()));
                }
            }
            if (lastUnderlying != null) {
                d.rows.add(attributor.attribute(lastUnderlying, d.date, d.spot, d.spot, Double.NaN, d.dtYears));
            }
            for (PnlAttribution a : d.rows) {
                d.mtm += a.total();
                if (a.role() == PositionRole.TRADING) {
                    d.tradingBookPnl += a.total();
                }
            }
            if (index > 0) {
                d.rows.add(attributor.portfolio(d.date, d.ms.ticker(), List.copyOf(d.rows)));
            }
        }

        /**
         * American options past the exercise boundary: intrinsic at or above the American value (the engine's at the
         * market IV; under the European approximation, the mark). A long is exercised, a short is assigned (the
         * holder exercises), at the close; FLAG keeps them and flags them.
         */
        private void exerciseEarly(Today d) {
            if (d.ms.exerciseStyle() != ExerciseStyle.AMERICAN) {
                return;
            }
            for (Holding h : book.options()) {
                OptionMark m = d.marks.get(h.key());
                double intrinsic = h.key().intrinsic(d.spot);
                if (m == null || !(intrinsic > 0)) {
                    continue;
                }
                double value = pricer.pricesAmerican() && m.hasVol()
                        ? greeksAtMarket(d.market, m, d.marketGreeks).price() : m.priceUsd();
                if (value - intrinsic > config.earlyExerciseMaxTimeValueUsd()) {
                    continue;
                }
                earlyFlags++;
                boolean longPosition = h.quantity() > 0;
                if (config.earlyExercise() == EarlyExercise.EXERCISE) {
                    earlyExercises++;
                    d.notes.add((longPosition ? "early exercise of " : "early assignment of ") + h.key().id()
                            + " (quantity " + h.quantity() + ", intrinsic " + intrinsic + ", American value "
                            + value + ")");
                    book(d.fills, d.date, h, execution.earlyExercise(h.key(), d.spot, -h.quantity()),
                            longPosition ? TradeReason.EARLY_EXERCISE : TradeReason.EARLY_ASSIGNMENT);
                    d.marks.remove(h.key());
                } else {
                    d.flagged.add(h.key());
                    d.notes.add("past the exercise boundary: " + h.key().id()
                            + " (early exercise flagged, not done)");
                }
            }
        }

        /** Exits: days to expiry, holding period, or the forecast gap closed. */
        private void exit(Today d) {
            book.ageOpenTrades();
            for (OpenTrade ot : book.openTrades()) {
                List<Holding> legs = new ArrayList<>();
                for (ContractKey k : ot.legs()) {
                    if (book.holds(k)) {
                        legs.add(book.option(k));
                    }
                }
                double minDays = Double.POSITIVE_INFINITY;
                List<CandidateLeg> now = new ArrayList<>();
                boolean gapKnown = d.forecast != null;
                for (Holding h : legs) {
                    OptionMark m = d.marks.get(h.key());
                    minDays = Math.min(minDays, m.daysToExpiry());
                    CandidateLeg leg = d.forecast == null ? null : selector.leg(d.market, m, d.forecast, d.gapYears);
                    if (leg == null) {
                        gapKnown = false;
                    } else {
                        now.add(leg);
                    }
                }
                double gap = gapKnown && !now.isEmpty() ? ContractSelector.gapVol(now) : Double.NaN;
                var reason = exits.exitReason(ot.direction(), book.sessionsHeld(ot.tradeId()), minDays, gap);
                if (reason.isPresent()) {
                    for (Holding h : legs) {
                        book(d.fills, d.date, h, execution.option(d.marks.get(h.key()), -h.quantity(), d.spot),
                                reason.get());
                    }
                }
                book.closeIfFlat(ot.tradeId());
            }
        }

        /** Entries from the forecast for the next session, sized against the vega already open. */
        private void enter(Today d) {
            if (d.forecast == null || config.maxNewTradesPerSession() <= 0) {
                return;
            }
            Set<ContractKey> held = new HashSet<>();
            for (Holding h : book.options()) {
                held.add(h.key());
            }
            List<Candidate> candidates = selector.candidates(d.market, d.forecast, held, d.gapYears);
            double openVega = 0;
            for (Holding h : book.options()) {
                if (h.role() == PositionRole.TRADING) {
                    Greeks g = greeksAtMarket(d.market, d.marks.get(h.key()), d.marketGreeks);
                    openVega += Math.abs(h.quantity() * config.contractMultiplier() * g.vega()) / 100.0;
                }
            }
            for (SizedTrade st : sizer.size(candidates, openVega, book.tradingContractsByExpiry())) {
                long id = book.nextTradeId();
                List<ContractKey> legKeys = new ArrayList<>();
                for (CandidateLeg leg : st.candidate().legs()) {
                    OptionMark m = leg.mark();
                    d.marks.put(m.key(), m);
                    d.marketGreeks.put(m.key(), leg.greeks());
                    legKeys.add(m.key());
                    Fill f = execution.option(m, st.signedQuantity(), d.spot);
                    Trade t = trade(d.date, id, PositionRole.TRADING, m.key(), f, config.contractMultiplier(),
                            TradeReason.ENTRY);
                    d.fills.add(t);
                    book.apply(t, m.quote().expiryInstant());
                }
                book.open(new OpenTrade(id, st.candidate().direction(), legKeys, st.quantity(), d.date,
                        st.candidate().gapVol()));
            }
        }

        /** The book at the close: snapshots with Greeks at the market IV, its value and the daily PnL. */
        private Close close(Today d) {
            Map<ContractKey, PositionSnapshot> snapshots = new TreeMap<>();
            List<PositionSnapshot> positions = new ArrayList<>();
            double value = book.cashUsd();
            BookGreeks total = BookGreeks.ZERO;
            double multiplier = config.contractMultiplier();
            for (Holding h : book.options()) {
                OptionMark mk = d.marks.get(h.key());
                Greeks g = greeksAtMarket(d.market, mk, d.marketGreeks);
                double f = d.forecast == null ? Double.NaN : forecastVol(d.forecast, mk, d.gapYears);
                PositionSnapshot s = new PositionSnapshot(d.date, d.ms.ticker(), h.tradeId(), h.role(), h.key(),
                        h.quantity(), multiplier, d.spot, mk.maturityYears(), mk.impliedVol(), f, mk.priceUsd(),
                        g.delta(), g.gamma(), g.vega(), g.theta(), d.flagged.contains(h.key()));
                snapshots.put(h.key(), s);
                positions.add(s);
                value += s.marketValueUsd();
                total = total.plus(h.quantity() * multiplier, g);
            }
            PositionSnapshot underlying = null;
            if (book.underlyingQuantity() != 0) {
                underlying = new PositionSnapshot(d.date, d.ms.ticker(), 0L, PositionRole.UNDERLYING, null,
                        book.underlyingQuantity(), 1.0, d.spot, 0.0, Double.NaN, Double.NaN, d.spot, 1.0, 0.0, 0.0,
                        0.0, false);
                positions.add(underlying);
                value += underlying.marketValueUsd();
                total = new BookGreeks(total.delta() + book.underlyingQuantity(), total.gamma(), total.vega(),
                        total.theta());
            }
            double totalPnl = value - lastValue;
            double dayCommissions = 0, daySpread = 0;
            for (Trade t : d.fills) {
                dayCommissions += t.commissionUsd();
                daySpread += t.spreadCostUsd();
            }
            PnlAttribution portfolioRow = index > 0 ? d.rows.get(d.rows.size() - 1) : null;
            double cumulative = value; // the book starts flat with no cash
            DailyPnl daily = new DailyPnl(d.date, d.ms.ticker(), totalPnl, d.mtm, totalPnl - d.mtm, d.tradingBookPnl,
                    d.mtm - d.tradingBookPnl, dayCommissions, daySpread, cumulative, value, book.cashUsd(),
                    total.delta(), total.gamma(), total.vega(), total.theta(), d.fills.size(),
                    book.openTrades().size());
            return new Close(snapshots, positions, underlying, value, daily, portfolioRow);
        }

        /** Evaluation hooks: yesterday's forecast priced against today, arbitrage counts, the run's totals. */
        private void evaluate(Today d, Close close) {
            if (lastForecast != null) {
                pricingError(d.market, lastForecast);
            }
            if (d.forecast != null && d.forecast.arbitrageViolations().isPresent()) {
                arbitrageViolations = Math.max(arbitrageViolations, 0) + d.forecast.arbitrageViolations().getAsInt();
            }
            accumulate(close.daily(), d.rows, close.portfolioRow(), d.fills, d.fvr);
        }

        private void checkOrder(MarketSession ms) {
            if (ticker == null) {
                ticker = ms.ticker();
                firstDate = ms.session();
            } else if (!ticker.equals(ms.ticker())) {
                throw new IllegalArgumentException("sessions mix tickers: " + ticker + " and " + ms.ticker()
                        + " (run one backtest per ticker)");
            } else if (!ms.session().isAfter(lastDate) || !ms.asOf().isAfter(lastAsOf)) {
                throw new IllegalArgumentException("session " + ms.session() + " (asOf " + ms.asOf()
                        + ") must come after " + lastDate + " (asOf " + lastAsOf + ") for " + ticker);
            }
        }

        /** The session's mark of a held contract: its quote, its quote with the carried vol, or a model mark. */
        private OptionMark markOf(SessionMarket market, Holding h, double carriedVol) {
            OptionMark m = market.mark(h.key());
            if (m == null) {
                return market.markUnquoted(h.key(), h.expiryInstant(), carriedVol);
            }
            if (!m.hasVol()) {
                return new OptionMark(m.key(), m.quote(), m.maturityYears(), m.forward(), m.discount(), m.rate(),
                        m.dividendYield(), m.priceUsd(), carriedVol, IvSource.CARRIED);
            }
            return m;
        }

        private Greeks greeksAtMarket(SessionMarket market, OptionMark m, Map<ContractKey, Greeks> cache) {
            return cache.computeIfAbsent(m.key(),
                    k -> pricer.greeks(m, market.session().exerciseStyle(), market.spot(), m.impliedVol()));
        }

        private double forecastVol(ForecastView forecast, OptionMark m, double gapYears) {
            double tNext = m.maturityYears() - gapYears;
            if (!(tNext > 0)) {
                return Double.NaN;
            }
            double v = forecast.impliedVol(tNext, m.logMoneyness());
            return v > 0 && Double.isFinite(v) ? v : Double.NaN;
        }

        /** Greeks for hedging: at the forecast IV (where there is one) or the market IV. */
        private Greeks hedgeGreeks(SessionMarket market, OptionMark m, ForecastView forecast, double gapYears) {
            double vol = m.impliedVol();
            if (config.hedgeVolSource() == HedgeVolSource.FORECAST && forecast != null) {
                double f = forecastVol(forecast, m, gapYears);
                if (Double.isFinite(f)) {
                    vol = f;
                }
            }
            return pricer.greeks(m, market.session().exerciseStyle(), market.spot(), vol);
        }

        private void hedge(SessionMarket market, ForecastView forecast, double gapYears,
                Map<ContractKey, OptionMark> marks, List<Trade> fills, LocalDate date) {
            double spot = market.spot();
            double m = config.contractMultiplier();
            BookGreeks trading = BookGreeks.ZERO;
            Set<LocalDate> tradingExpiries = new TreeSet<>();
            Holding currentHedge = null;
            for (Holding h : book.options()) {
                if (h.role() == PositionRole.TRADING) {
                    trading = trading.plus(h.quantity() * m, hedgeGreeks(market, marks.get(h.key()), forecast, gapYears));
                    tradingExpiries.add(h.key().expiry());
                } else {
                    currentHedge = h;
                }
            }
            boolean flat = tradingExpiries.isEmpty();
            HedgeTargets targets;
            if (config.hedgeMode() == HedgeMode.DELTA_GAMMA) {
                ContractKey hedgeKey = flat ? null : deltaGammaHedger.chooseHedgeOption(market, tradingExpiries,
                        currentHedge == null ? null : currentHedge.key());
                if (currentHedge != null && !currentHedge.key().equals(hedgeKey)) {
                    book(fills, date, currentHedge,
                            execution.option(marks.get(currentHedge.key()), -currentHedge.quantity(), spot),
                            TradeReason.HEDGE_REBALANCE);
                    currentHedge = null;
                }
                OptionMark hm = hedgeKey == null ? null : market.mark(hedgeKey);
                targets = deltaGammaHedger.targets(trading,
                        hm == null ? null : hedgeGreeks(market, hm, forecast, gapYears));
                double held = currentHedge == null ? 0.0 : currentHedge.quantity();
                double diff = targets.hedgeOptionContracts() - held;
                if (hm != null && Math.abs(diff) >= 0.5 * config.optionLot()) {
                    marks.put(hedgeKey, hm);
                    Fill f = execution.option(hm, diff, spot);
                    Trade t = trade(date, 0L, PositionRole.HEDGE_OPTION, hedgeKey, f, m, TradeReason.HEDGE_REBALANCE);
                    fills.add(t);
                    book.apply(t, hm.quote().expiryInstant());
                }
            } else {
                // a DELTA run holds no hedge option; the options book is the trading legs
                targets = deltaHedger.targets(trading);
            }
            if (flat) {
                targets = new HedgeTargets(0.0, 0.0);
            }
            double diff = targets.underlyingUnits() - book.underlyingQuantity();
            if (Math.abs(diff) > 1e-9) {
                Fill f = execution.underlying(spot, diff);
                Trade t = trade(date, 0L, PositionRole.UNDERLYING, null, f, 1.0, TradeReason.HEDGE_REBALANCE);
                fills.add(t);
                book.apply(t, null);
            }
        }

        /** Books a closing (or adjusting) fill of a held option. */
        private void book(List<Trade> fills, LocalDate date, Holding h, Fill f, TradeReason reason) {
            Trade t = trade(date, h.tradeId(), h.role(), h.key(), f, config.contractMultiplier(), reason);
            fills.add(t);
            book.apply(t, h.expiryInstant());
            book.closeIfFlat(h.tradeId());
        }

        private Trade trade(LocalDate date, long id, PositionRole role, ContractKey key, Fill f, double multiplier,
                TradeReason reason) {
            return new Trade(date, ticker, id, role, key, f.quantity(), f.priceUsd(), f.referencePriceUsd(),
                    multiplier, f.commissionUsd(), f.spreadCostUsd(), f.source(), reason);
        }

        /** Listed OTM options of this session priced at the previous session's forecast, against their marks. */
        private void pricingError(SessionMarket market, ForecastView forecast) {
            List<OptionMark> listed = market.marksWhere((k, days, logMoneyness, otm) ->
                    otm && days >= 1 && Math.abs(logMoneyness) <= config.maxAbsLogMoneyness());
            for (OptionMark m : listed) {
                double v = forecast.impliedVol(m.maturityYears(), m.logMoneyness());
                if (!(v > 0) || !Double.isFinite(v)) {
                    continue;
                }
                double modelPrice = pricer.greeks(m.key(), ExerciseStyle.EUROPEAN, m.maturityYears(), market.spot(),
                        m.rate(), m.dividendYield(), v).price();
                double err = modelPrice - m.priceUsd();
                priced++;
                pricingSq += err * err;
                pricingAbs += Math.abs(err);
            }
        }

        private void accumulate(DailyPnl daily, List<PnlAttribution> rows, PnlAttribution portfolioRow,
                List<Trade> fills, List<ForecastVsRealized> fvr) {
            dailyTotal.add(daily.totalPnl());
            dailyMtm.add(daily.markToMarketPnl());
            dailyTradingBook.add(daily.tradingBookPnl());
            for (PnlAttribution a : rows) {
                maxIdentityError = Math.max(maxIdentityError, Math.max(a.identityError(), a.forecastIdentityError()));
            }
            if (portfolioRow != null) {
                sumDelta += portfolioRow.delta();
                sumGamma += portfolioRow.gamma();
                sumVega += portfolioRow.vega();
                sumTheta += portfolioRow.theta();
                sumResidual += portfolioRow.residual();
                sumPredicted += portfolioRow.forecastPredicted();
                sumError += portfolioRow.forecastError();
                dailyHedgeError.add(portfolioRow.delta() + portfolioRow.gamma() + portfolioRow.residual());
            }
            for (Trade t : fills) {
                trades++;
                commissions += t.commissionUsd();
                spreadCost += t.spreadCostUsd();
                if (t.role() == PositionRole.UNDERLYING) {
                    hedgeTurnover += t.notionalUsd();
                } else {
                    turnover += t.notionalUsd();
                    if (t.fillSource() == FillSource.QUOTED_BID_ASK) {
                        fillsQuoted++;
                    } else if (t.fillSource() == FillSource.ASSUMED_HALF_SPREAD) {
                        fillsAssumed++;
                    }
                }
            }
            for (ForecastVsRealized r : fvr) {
                fvrCount++;
                double e = r.realizedIv() - r.forecastIv();
                fvrVolSq += 1e4 * e * e;
                fvrTvSq += r.totalVarianceError() * r.totalVarianceError();
                double c = r.realizedIv() - r.marketIvAtForecast();
                if (Double.isFinite(c)) {
                    fvrCarryCount++;
                    fvrCarrySq += 1e4 * c * c;
                }
            }
        }

        BacktestSummary summary() {
            double totalPnl = 0, peak = 0, cumulative = 0, maxDd = 0;
            for (double d : dailyTotal) {
                totalPnl += d;
                cumulative += d;
                peak = Math.max(peak, cumulative);
                maxDd = Math.max(maxDd, peak - cumulative);
            }
            double sd = std(dailyTotal);
            double sharpe = sd > 0 && dailyTotal.size() > 1
                    ? mean(dailyTotal) / sd * Math.sqrt(config.sessionsPerYear()) : 0.0;
            EvaluationSummary eval = new EvaluationSummary(fvrCount,
                    fvrCount == 0 ? Double.NaN : Math.sqrt(fvrVolSq / fvrCount),
                    fvrCount == 0 ? Double.NaN : Math.sqrt(fvrTvSq / fvrCount), arbitrageViolations, priced,
                    priced == 0 ? Double.NaN : Math.sqrt(pricingSq / priced),
                    priced == 0 ? Double.NaN : pricingAbs / priced, sumPredicted, sumError,
                    fvrCarryCount == 0 ? Double.NaN : Math.sqrt(fvrCarrySq / fvrCarryCount));
            return new BacktestSummary(ticker, config.hedgeMode(), config.instrument(), index, firstDate, lastDate,
                    totalPnl, sharpe, maxDd, std(dailyHedgeError), turnover, hedgeTurnover, trades, commissions,
                    spreadCost, std(dailyMtm), std(dailyTradingBook), fillsQuoted, fillsAssumed,
                    fillsAssumed > 0 ? config.halfSpread().disclosure() : null, earlyFlags, earlyExercises, sumDelta,
                    sumGamma, sumVega, sumTheta, sumResidual, maxIdentityError, eval);
        }
    }

    private static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return xs.isEmpty() ? 0.0 : s / xs.size();
    }

    /** Sample standard deviation (n - 1); 0 with fewer than two values. */
    static double std(List<Double> xs) {
        if (xs.size() < 2) {
            return 0.0;
        }
        double mu = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - mu) * (x - mu);
        }
        return Math.sqrt(ss / (xs.size() - 1));
    }
}
