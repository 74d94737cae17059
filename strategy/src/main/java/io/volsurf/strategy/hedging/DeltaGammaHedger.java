package io.volsurf.strategy.hedging;

import io.volsurf.greeks.Greeks;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.market.OptionMark;
import io.volsurf.strategy.market.SessionMarket;
import java.util.List;
import java.util.Set;

/**
 * Delta-gamma hedge: first gamma-neutral with a second option, {@code n = -Gamma_book / (m gamma_h)} contracts
 * (rounded to the option lot), then delta-neutral with the underlying, {@code -(Delta_book + n m delta_h)}.
 * The hedge option is chosen by {@link io.volsurf.strategy.config.HedgeOptionRule#NEAREST_ATM_OTHER_EXPIRY}
 * and kept while it stays valid, so the hedge is not rolled every session.
 */
public final class DeltaGammaHedger {
    /** Below this |gamma| per contract the hedge option cannot hedge gamma (deep ITM/OTM or expiring). */
    private static final double MIN_GAMMA = 1e-12;

    private final StrategyConfig config;

    public DeltaGammaHedger(StrategyConfig config) {
        this.config = config;
    }

    /**
     * The hedge option for this session.
     *
     * @param market          session t
     * @param tradingExpiries expiries the trading book holds (the hedge must be of another expiry)
     * @param current         the hedge option held now; null when none
     * @return the contract to hedge with, or null when no listed contract qualifies
     */
    public ContractKey chooseHedgeOption(SessionMarket market, Set<java.time.LocalDate> tradingExpiries,
            ContractKey current) {
        if (current != null && valid(market.mark(current), tradingExpiries)) {
            return current;
        }
        ContractKey best = null;
        double bestDays = Double.NaN;
        double bestMoneyness = Double.NaN;
        List<OptionMark> nearTheMoney = market.marksWhere((k, days, logMoneyness, otm) ->
                days > config.minDaysToExpiry() && Math.abs(logMoneyness) <= config.hedgeOptionMaxAbsLogMoneyness()
                        && !tradingExpiries.contains(k.expiry()));
        for (OptionMark m : nearTheMoney) {
            if (!valid(m, tradingExpiries)) {
                continue;
            }
            double dayDistance = Math.abs(m.daysToExpiry() - config.hedgeOptionTargetDays());
            double moneyness = Math.abs(m.logMoneyness());
            // allMarks is in key order (calls before puts on a strike), so strict comparisons keep calls on ties.
            if (best == null || dayDistance < bestDays - 1e-9
                    || (Math.abs(dayDistance - bestDays) <= 1e-9 && moneyness < bestMoneyness - 1e-12)) {
                best = m.key();
                bestDays = dayDistance;
                bestMoneyness = moneyness;
            }
        }
        return best;
    }

    private boolean valid(OptionMark m, Set<java.time.LocalDate> tradingExpiries) {
        return m != null && m.hasVol() && m.daysToExpiry() > config.minDaysToExpiry()
                && Math.abs(m.logMoneyness()) <= config.hedgeOptionMaxAbsLogMoneyness()
                && !tradingExpiries.contains(m.key().expiry());
    }

    /**
     * @param tradingBook       Greeks of the trading legs (the hedge option excluded)
     * @param hedgeOptionGreeks Greeks per unit of underlying of the hedge option; null when there is none
     *                          (then a delta hedge only)
     */
    public HedgeTargets targets(BookGreeks tradingBook, Greeks hedgeOptionGreeks) {
        double m = config.contractMultiplier();
        double n = 0.0;
        double hedgeDelta = 0.0;
        if (hedgeOptionGreeks != null && Math.abs(hedgeOptionGreeks.gamma() * m) > MIN_GAMMA) {
            n = LotRounding.nearest(-tradingBook.gamma() / (hedgeOptionGreeks.gamma() * m), config.optionLot()) + 0.0;
            hedgeDelta = n * m * hedgeOptionGreeks.delta();
        }
        double underlying = LotRounding.nearest(-(tradingBook.delta() + hedgeDelta), config.underlyingLot()) + 0.0;
        return new HedgeTargets(n, underlying);
    }
}
