package io.volsurf.strategy.market;

import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.iv.BlackImpliedVolatility;
import io.volsurf.forecaster.iv.ImpliedVol;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.Greeks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's quotes indexed by contract, with marks and implied vols computed once and cached. Dirty
 * data is skipped, not fatal: a duplicate listing (XLF lists two series on one expiry) keeps the first quote
 * with a positive price; a quote whose price does not invert falls back to the vendor IV, then to the fitted
 * surface. Not thread-safe (one per session, owned by the event loop).
 */
public final class SessionMarket {
    private final MarketSession session;
    private final ContractPricer pricer;
    private final Map<ContractKey, OptionQuote> quotes;
    private final List<ContractKey> listed;
    private final Map<ContractKey, OptionMark> marks = new HashMap<>();
    /** Per listed contract (same index as {@code listed}): maturity in years and {forward, discount, r, q}. */
    private final double[] listedMaturityYears;
    private final double[][] listedCarry;

    public SessionMarket(MarketSession session, ContractPricer pricer) {
        this.session = session;
        this.pricer = pricer;
        Map<ContractKey, OptionQuote> byKey = new HashMap<>(2 * session.quotes().size());
        for (OptionQuote q : session.quotes()) {
            double price = q.referencePriceUsd();
            if (!(price > 0) || Double.isInfinite(price)) {
                continue;
            }
            byKey.putIfAbsent(new ContractKey(q.expiry(), q.strike(), q.type()), q);
        }
        this.quotes = Collections.unmodifiableMap(byKey);
        List<ContractKey> keys = new ArrayList<>(byKey.keySet());
        Collections.sort(keys);
        this.listed = List.copyOf(keys);
        // the cheap facts every filter needs, once per session (carry per expiry and maturity, not per call)
        listedMaturityYears = new double[keys.size()];
        listedCarry = new double[keys.size()][];
        Map<java.time.Instant, double[]> carryByExpiry = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            ContractKey k = keys.get(i);
            OptionQuote q = byKey.get(k);
            double t = q.maturityYears();
            listedMaturityYears[i] = t;
            listedCarry[i] = carryByExpiry.computeIfAbsent(q.expiryInstant(), e -> carry(k, t));
        }
    }

    public MarketSession session() {
        return session;
    }

    public double spot() {
        return session.spot();
    }

    /** Quoted contracts with a positive price, in {@link ContractKey} order. */
    public List<ContractKey> listed() {
        return listed;
    }

    /** The quote of a contract; null when not quoted this session. */
    public OptionQuote quote(ContractKey key) {
        return quotes.get(key);
    }

    /** Years from this session's snapshot to an instant, ACT/365F. */
    public double maturityYears(Instant expiryInstant) {
        return Act365F.years(session.asOf(), expiryInstant);
    }

    /** The mark of a quoted contract (cached); null when the contract is not quoted. */
    public OptionMark mark(ContractKey key) {
        OptionMark cached = marks.get(key);
        if (cached != null) {
            return cached;
        }
        OptionQuote q = quotes.get(key);
        if (q == null) {
            return null;
        }
        double t = q.maturityYears();
        return mark(key, q, t, carry(key, t));
    }

    private OptionMark mark(ContractKey key, OptionQuote q, double t, double[] carry) {
        double price = q.referencePriceUsd();
        double iv = Double.NaN;
        IvSource source = null;
        ImpliedVol inverted = BlackImpliedVolatility.impliedVol(price / carry[1], carry[0], key.strike(), t,
                key.type() == OptionType.CALL);
        if (inverted.isOk()) {
            iv = inverted.value();
            source = IvSource.QUOTE;
        } else if (q.vendorIv() > 0) {
            iv = q.vendorIv();
            source = IvSource.VENDOR;
        } else if (session.marketVols() != null) {
            double v = session.marketVols().volatility(t, key.strike());
            if (v > 0 && Double.isFinite(v)) {
                iv = v;
                source = IvSource.SURFACE;
            }
        }
        OptionMark mark = new OptionMark(key, q, t, carry[0], carry[1], carry[2], carry[3], price, iv, source);
        marks.put(key, mark);
        return mark;
    }

    /** Decides from cheap facts (no implied vol yet) whether a listed contract is wanted. */
    @FunctionalInterface
    public interface ContractFilter {
        /**
         * @param key           the contract
         * @param daysToExpiry  calendar days to expiry (fractional)
         * @param logMoneyness  {@code ln(K/F)}
         * @param outOfTheMoney a call with {@code K >= F} or a put with {@code K < F}
         */
        boolean test(ContractKey key, double daysToExpiry, double logMoneyness, boolean outOfTheMoney);
    }

    /**
     * Marks with a usable vol of the listed contracts the filter accepts, in key order. The filter runs before
     * the implied-vol inversion, so a narrow filter saves most of a session's work (SPY lists ~14,000 contracts).
     */
    public List<OptionMark> marksWhere(ContractFilter filter) {
        List<OptionMark> out = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            ContractKey k = listed.get(i);
            double t = listedMaturityYears[i];
            double[] carry = listedCarry[i];
            double forward = carry[0];
            boolean otm = k.type() == OptionType.CALL ? k.strike() >= forward : k.strike() < forward;
            if (!filter.test(k, Act365F.days(t), Math.log(k.strike() / forward), otm)) {
                continue;
            }
            OptionMark m = marks.get(k);
            if (m == null) {
                m = mark(k, quotes.get(k), t, carry);
            }
            if (m.hasVol()) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The mark of a held contract this session does not quote: model price at the session's surface vol
     * where there is one, else at the vol carried from the previous session.
     *
     * @return null when the contract has expired by this session's snapshot
     */
    public OptionMark markUnquoted(ContractKey key, Instant expiryInstant, double carriedVol) {
        double t = maturityYears(expiryInstant);
        if (!(t > 0)) {
            return null;
        }
        double[] carry = carry(key, t);
        double iv = carriedVol;
        IvSource source = IvSource.CARRIED;
        if (session.marketVols() != null) {
            double v = session.marketVols().volatility(t, key.strike());
            if (v > 0 && Double.isFinite(v)) {
                iv = v;
                source = IvSource.SURFACE;
            }
        }
        Greeks g = pricer.greeks(key, session.exerciseStyle(), t, session.spot(), carry[2],
                carry[3], iv);
        return new OptionMark(key, null, t, carry[0], carry[1], carry[2], carry[3], g.price(), iv, source);
    }

    /** {forward, discount, rate, dividendYield} of a contract's expiry at maturity t. */
    private double[] carry(ContractKey key, double t) {
        ExpiryForward f = session.forwards().get(key.expiry());
        double s = session.spot();
        if (f != null) {
            double r = -Math.log(f.discount()) / t;
            double q = r - Math.log(f.forward() / s) / t;
            return new double[] {f.forward(), f.discount(), r, q};
        }
        double r = session.rate();
        double q = session.dividendYield();
        return new double[] {s * Math.exp((r - q) * t), Math.exp(-r * t), r, q};
    }

    /** Marks of every listed contract with a usable vol, in key order. */
    public List<OptionMark> allMarks() {
        return marksWhere((k, days, logMoneyness, otm) -> true);
    }
}
