package io.volsurf.strategy.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.Greeks;
import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.market.IvSource;
import io.volsurf.strategy.market.OptionMark;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionSizerTest {
    private static final LocalDate E1 = LocalDate.of(2026, 4, 17);
    private static final LocalDate E2 = LocalDate.of(2026, 5, 15);

    /** A candidate whose one contract has vega 10 per unit vol per share: 10 USD per vol point with multiplier 100. */
    private static Candidate candidate(LocalDate expiry, double strike, double excess) {
        ContractKey key = new ContractKey(expiry, strike, OptionType.CALL);
        OptionMark mark = new OptionMark(key, null, 0.1, 100, 1, 0, 0, 2.0, 0.2, IvSource.QUOTE);
        CandidateLeg leg = new CandidateLeg(mark, new Greeks(2.0, 0.5, 0.05, 10.0, -5, 1), 0.25, 0.01);
        return new Candidate(List.of(leg), 1, 0.2, 0.25, 0.001, excess);
    }

    @Test
    void sizesByVegaBudgetWithinLimits() {
        StrategyConfig config = StrategyConfig.builder().vegaBudgetPerTradeUsd(1000).vegaBudgetTotalUsd(2500)
                .maxContractsPerExpiry(150).maxNewTradesPerSession(5).build();
        PositionSizer sizer = new PositionSizer(config);
        // budget per trade alone: 1000 / 10 = 100 contracts
        assertEquals(100, sizer.size(List.of(candidate(E1, 100, 0.02)), 0, Map.of()).get(0).quantity(), 1e-12);
        // expiry limit: 80 held, 150 allowed
        assertEquals(70, sizer.size(List.of(candidate(E1, 100, 0.02)), 0, Map.of(E1, 80.0)).get(0).quantity(), 1e-12);
        // total vega: 2000 used of 2500
        assertEquals(50, sizer.size(List.of(candidate(E1, 100, 0.02)), 2000, Map.of()).get(0).quantity(), 1e-12);
        // the limits bind across the session's new trades too
        List<SizedTrade> three = sizer.size(List.of(candidate(E1, 100, 0.03), candidate(E1, 105, 0.02),
                candidate(E2, 100, 0.01)), 0, Map.of());
        assertEquals(3, three.size());
        assertEquals(100, three.get(0).quantity(), 1e-12);
        assertEquals(50, three.get(1).quantity(), 1e-12); // expiry E1 full at 150
        assertEquals(100, three.get(2).quantity(), 1e-12); // total 2500: 1000 + 500 + 1000
        double vega = three.stream().mapToDouble(s -> s.quantity() * 10).sum();
        assertTrue(vega <= 2500 + 1e-9);
        // nothing left: skipped
        assertTrue(sizer.size(List.of(candidate(E1, 100, 0.02)), 2495, Map.of()).isEmpty());
    }

    @Test
    void respectsTheLotAndTheNumberOfNewTrades() {
        StrategyConfig config = StrategyConfig.builder().vegaBudgetPerTradeUsd(1005).vegaBudgetTotalUsd(100_000)
                .optionLot(5).maxNewTradesPerSession(2).build();
        List<SizedTrade> sized = new PositionSizer(config).size(List.of(candidate(E1, 100, 0.03),
                candidate(E1, 105, 0.02), candidate(E2, 100, 0.01)), 0, Map.of());
        assertEquals(2, sized.size());
        assertEquals(100, sized.get(0).quantity(), 1e-12); // 100.5 rounds down to a multiple of 5
        assertEquals(100, sized.get(0).signedQuantity(), 1e-12);
    }
}
