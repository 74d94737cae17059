package io.volsurf.strategy.portfolio;

import io.volsurf.strategy.market.ContractKey;
import java.time.LocalDate;
import java.util.List;

/**
 * A trade idea the book holds: one option or a straddle's two legs, long or short vol.
 *
 * @param tradeId     sequential id within the run (deterministic)
 * @param direction   +1 long vol (forecast above market), -1 short vol
 * @param legs        the contracts (one or two)
 * @param quantity    contracts per leg, unsigned
 * @param openedOn    the entry session
 * @param entryGapVol forecast minus market IV at entry (decimal, vega-weighted over the legs)
 */
public record OpenTrade(long tradeId, int direction, List<ContractKey> legs, double quantity, LocalDate openedOn,
        double entryGapVol) {
    public OpenTrade {
        legs = List.copyOf(legs);
    }
}
