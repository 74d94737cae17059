package io.volsurf.strategy.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.result.TradeReason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitRulesTest {
    private final ExitRules rules = new ExitRules(StrategyConfig.builder().holdingPeriodSessions(5).minDaysToExpiry(3)
            .exitGapVolPoints(0.25).build());

    @Test
    void exitsInOrderOfExpiryHoldingPeriodAndGap() {
        assertEquals(Optional.empty(), rules.exitReason(1, 2, 20, 0.02));
        assertEquals(Optional.of(TradeReason.EXIT_DAYS_TO_EXPIRY), rules.exitReason(1, 9, 3, 0.0));
        assertEquals(Optional.of(TradeReason.EXIT_HOLDING_PERIOD), rules.exitReason(1, 5, 20, 0.0));
        assertEquals(Optional.of(TradeReason.EXIT_GAP_CLOSED), rules.exitReason(1, 1, 20, 0.002));
        assertEquals(Optional.of(TradeReason.EXIT_GAP_CLOSED), rules.exitReason(-1, 1, 20, 0.01), "gap flipped");
        assertEquals(Optional.empty(), rules.exitReason(-1, 1, 20, -0.01));
        assertTrue(rules.exitReason(1, 1, 20, Double.NaN).isEmpty(), "no forecast: the gap rule does not apply");
    }
}
