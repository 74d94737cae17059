package io.volsurf.strategy.selection;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.Greeks;
import io.volsurf.strategy.config.InstrumentKind;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.market.ContractPricer;
import io.volsurf.strategy.market.ForecastView;
import io.volsurf.strategy.market.OptionMark;
import io.volsurf.strategy.market.SessionMarket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Contract selection at the close of session t: compares the forecast IV for t+1 with the market IV at t
 * across the listed contracts, and proposes a trade where {@code |forecast - market|} beats the half-spread in
 * vol terms plus the threshold: long where the forecast is higher, short where lower. Candidates come best
 * first (largest excess), ties in contract order.
 *
 * <p>The forecast is read at the contract's maturity as of t+1 ({@code T_t - gapYears}) and at its
 * log-moneyness against the forward of t.
 */
public final class ContractSelector {
    private static final double MIN_VEGA = 1e-8;

    private final StrategyConfig config;
    private final ContractPricer pricer;

    public ContractSelector(StrategyConfig config, ContractPricer pricer) {
        this.config = config;
        this.pricer = pricer;
    }

    /**
     * The candidates of a session.
     *
     * @param market   session t
     * @param forecast forecast for t+1
     * @param exclude  contracts not to propose (already held)
     * @param gapYears calendar time from t to t+1, years
     */
    public List<Candidate> candidates(SessionMarket market, ForecastView forecast, Set<ContractKey> exclude,
            double gapYears) {
        List<Candidate> out = new ArrayList<>();
        boolean single = config.instrument() == InstrumentKind.SINGLE;
        // filter on maturity and moneyness before any implied vol is computed (most of a session's work)
        List<OptionMark> eligible = market.marksWhere((k, days, logMoneyness, otm) ->
                days >= config.minDaysToExpiryEntry() && days <= config.maxDaysToExpiryEntry()
                        && Math.abs(logMoneyness) <= config.maxAbsLogMoneyness()
                        && (!single || !config.otmOnly() || otm));
        for (OptionMark m : eligible) {
            if (exclude.contains(m.key())) {
                continue;
            }
            if (config.instrument() == InstrumentKind.SINGLE) {
                if (config.otmOnly() && !isOutOfTheMoney(m)) {
                    continue;
                }
                // the half-spread only widens the bar: a gap within the threshold never trades, skip its Greeks
                double f = forecast.impliedVol(m.maturityYears() - gapYears, m.logMoneyness());
                if (!(Math.abs(f - m.impliedVol()) > config.thresholdVol())) {
                    continue;
                }
                CandidateLeg leg = leg(market, m, forecast, gapYears);
                if (leg != null) {
                    addIfWorth(out, List.of(leg));
                }
            } else if (m.key().type() == OptionType.CALL) {
                ContractKey putKey = m.key().otherType();
                OptionMark put = market.mark(putKey);
                if (put == null || !put.hasVol() || exclude.contains(putKey)) {
                    continue;
                }
                CandidateLeg c = leg(market, m, forecast, gapYears);
                CandidateLeg p = leg(market, put, forecast, gapYears);
                if (c != null && p != null) {
                    addIfWorth(out, List.of(c, p));
                }
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::excessVol).reversed()
                .thenComparing(c -> c.legs().get(0).mark().key()));
        return out;
    }

    /**
     * A leg at session t, or null when the forecast has no vol there or vega is nil.
     */
    public CandidateLeg leg(SessionMarket market, OptionMark m, ForecastView forecast, double gapYears) {
        double tNext = m.maturityYears() - gapYears;
        if (!(tNext > 0) || !m.hasVol()) {
            return null;
        }
        double f = forecast.impliedVol(tNext, m.logMoneyness());
        if (!(f > 0) || !Double.isFinite(f)) {
            return null;
        }
        Greeks g = pricer.greeks(m, market.session().exerciseStyle(), market.spot(), m.impliedVol());
        if (!(g.vega() > MIN_VEGA)) {
            return null;
        }
        return new CandidateLeg(m, g, f, halfSpreadUsd(m));
    }

    /** Vega-weighted forecast-minus-market gap of legs (decimal vol). */
    public static double gapVol(List<CandidateLeg> legs) {
        double v = 0, wm = 0, wf = 0;
        for (CandidateLeg l : legs) {
            double vega = l.greeks().vega();
            v += vega;
            wm += vega * l.mark().impliedVol();
            wf += vega * l.forecastIv();
        }
        return (wf - wm) / v;
    }

    private void addIfWorth(List<Candidate> out, List<CandidateLeg> legs) {
        double v = 0, wm = 0, wf = 0, hs = 0;
        for (CandidateLeg l : legs) {
            double vega = l.greeks().vega();
            v += vega;
            wm += vega * l.mark().impliedVol();
            wf += vega * l.forecastIv();
            hs += l.halfSpreadUsd();
        }
        double marketIv = wm / v;
        double forecastIv = wf / v;
        double halfSpreadVol = hs / v;
        double excess = Math.abs(forecastIv - marketIv) - halfSpreadVol - config.thresholdVol();
        if (excess > 0) {
            out.add(new Candidate(legs, forecastIv > marketIv ? 1 : -1, marketIv, forecastIv, halfSpreadVol, excess));
        }
    }

    private static boolean isOutOfTheMoney(OptionMark m) {
        return m.key().type() == OptionType.CALL ? m.key().strike() >= m.forward() : m.key().strike() < m.forward();
    }

    /** Quoted half-spread where the quote is two-sided with a positive ask, else the configured assumption. */
    private double halfSpreadUsd(OptionMark m) {
        OptionQuote q = m.quote();
        if (q != null && q.hasBidAsk() && q.ask() > 0) {
            return 0.5 * (q.askUsd() - q.bidUsd());
        }
        return config.halfSpread().halfSpreadUsd(m.priceUsd(), m.logMoneyness(), m.maturityYears());
    }
}
