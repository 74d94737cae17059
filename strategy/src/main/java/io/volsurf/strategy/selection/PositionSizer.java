package io.volsurf.strategy.selection;

import io.volsurf.strategy.config.StrategyConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sizes candidates by vega: each trade gets {@code vegaBudgetPerTradeUsd / vega per contract} contracts per
 * leg (rounded down to the lot), cut so that the trading book stays within {@code maxContractsPerExpiry} per
 * expiry and {@code vegaBudgetTotalUsd} in total; at most {@code maxNewTradesPerSession} trades, best first.
 * A candidate that cannot get one lot is skipped.
 */
public final class PositionSizer {
    private final StrategyConfig config;

    public PositionSizer(StrategyConfig config) {
        this.config = config;
    }

    /**
     * @param candidates        best first
     * @param openVegaUsd       summed |vega| of the open trades, USD per vol point
     * @param contractsByExpiry |contracts| the trading book holds per expiry
     */
    public List<SizedTrade> size(List<Candidate> candidates, double openVegaUsd, Map<LocalDate, Double> contractsByExpiry) {
        Map<LocalDate, Double> used = new TreeMap<>(contractsByExpiry);
        double vegaUsed = openVegaUsd;
        double lot = config.optionLot();
        double m = config.contractMultiplier();
        List<SizedTrade> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (out.size() >= config.maxNewTradesPerSession()) {
                break;
            }
            double unitVega = c.unitVegaUsdPerVolPoint(m);
            if (!(unitVega > 0)) {
                continue;
            }
            LocalDate expiry = c.legs().get(0).mark().key().expiry();
            int legs = c.legs().size();
            double q = floorToLot(config.vegaBudgetPerTradeUsd() / unitVega, lot);
            q = Math.min(q, floorToLot((config.maxContractsPerExpiry() - used.getOrDefault(expiry, 0.0)) / legs, lot));
            q = Math.min(q, floorToLot((config.vegaBudgetTotalUsd() - vegaUsed) / unitVega, lot));
            if (q < lot - 1e-12) {
                continue;
            }
            out.add(new SizedTrade(c, q));
            used.merge(expiry, q * legs, Double::sum);
            vegaUsed += q * unitVega;
        }
        return out;
    }

    /** Largest multiple of {@code lot} not above {@code x} (0 for negative x); tolerant of rounding. */
    static double floorToLot(double x, double lot) {
        if (!(x > 0)) {
            return 0.0;
        }
        return Math.floor(x / lot + 1e-9) * lot;
    }
}
