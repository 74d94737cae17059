package io.volsurf.strategy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StrategyConfigTest {

    private static void rejected(UnaryOperator<StrategyConfig.Builder> change, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(StrategyConfig.builder()).build());
        assertTrue(e.getMessage().contains(field), "message should name " + field + ": " + e.getMessage());
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        rejected(b -> b.vegaBudgetPerTradeUsd(-1), "vegaBudgetPerTradeUsd");
        rejected(b -> b.vegaBudgetPerTradeUsd(Double.NaN), "vegaBudgetPerTradeUsd");
        rejected(b -> b.vegaBudgetTotalUsd(10).vegaBudgetPerTradeUsd(100), "vegaBudgetTotalUsd");
        rejected(b -> b.thresholdVolPoints(-0.5), "thresholdVolPoints");
        rejected(b -> b.contractMultiplier(0), "contractMultiplier");
        rejected(b -> b.holdingPeriodSessions(0), "holdingPeriodSessions");
        rejected(b -> b.maxContractsPerExpiry(Double.POSITIVE_INFINITY), "maxContractsPerExpiry");
        rejected(b -> b.minDaysToExpiryEntry(2).minDaysToExpiry(5), "minDaysToExpiryEntry");
        rejected(b -> b.maxDaysToExpiryEntry(5).minDaysToExpiryEntry(10), "maxDaysToExpiryEntry");
        rejected(b -> b.hedgeMode(null), "hedgeMode");
        rejected(b -> b.halfSpread(null), "halfSpread");
        rejected(b -> b.commissionPerContractUsd(-0.65), "commissionPerContractUsd");
        rejected(b -> b.optionLot(0), "optionLot");
        rejected(b -> b.underlyingLot(-1), "underlyingLot");
        rejected(b -> b.sessionsPerYear(0), "sessionsPerYear");
        rejected(b -> b.exitGapVolPoints(Double.NaN), "exitGapVolPoints");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HalfSpreadAssumption(-0.01, 0.01));
        assertTrue(e.getMessage().contains("halfSpread.fractionOfPrice"), e.getMessage());
    }

    @Test
    void defaultsAreValidAndRoundTripThroughTheBuilder() {
        StrategyConfig us = StrategyConfig.usEquity();
        assertEquals(100, us.contractMultiplier());
        assertEquals(us, us.toBuilder().build());
        StrategyConfig deribit = StrategyConfig.deribit();
        assertEquals(1, deribit.contractMultiplier());
        assertEquals(365, deribit.sessionsPerYear());
        assertEquals(deribit, deribit.toBuilder().build());
        assertEquals(0.015, us.toBuilder().thresholdVolPoints(1.5).build().thresholdVol(), 1e-15);
    }

    @Test
    void halfSpreadAssumptionHasAFloorAndADisclosure() {
        HalfSpreadAssumption h = new HalfSpreadAssumption(0.02, 0.05);
        assertEquals(0.05, h.halfSpreadUsd(1.0, 0.3, 0.5), 1e-15);
        assertEquals(0.2, h.halfSpreadUsd(10.0, 0.3, 0.5), 1e-15);
        assertFalse(h.varies());
        assertTrue(h.disclosure().startsWith("US data: last prices only, fills modelled at price +/- assumed half-spread"));
    }

    @Test
    void halfSpreadFractionGrowsWithMoneynessMovesWithTenorAndIsCapped() {
        HalfSpreadAssumption h = new HalfSpreadAssumption(0.02, 0.01, 0.2, -0.01, 0.10);
        assertTrue(h.varies());
        assertEquals(0.02, h.fraction(0, 0), 1e-15);
        assertEquals(0.02 + 0.2 * 0.1, h.fraction(-0.1, 0), 1e-15);
        assertEquals(0.02 + 0.2 * 0.1, h.fraction(0.1, 0), 1e-15);
        assertEquals(0.02 - 0.01 * 1, h.fraction(0, 1), 1e-15);
        assertEquals(0.0, h.fraction(0, 5), 1e-15, "never below zero");
        assertEquals(0.10, h.fraction(1.0, 0), 1e-15, "capped");
        assertEquals(0.10 * 3.0, h.halfSpreadUsd(3.0, 1.0, 0), 1e-15);
        assertEquals(0.01, h.halfSpreadUsd(0.05, 0, 0), 1e-15, "floor");
        assertTrue(h.disclosure().contains("|ln K/F|"), h.disclosure());
        assertThrows(IllegalArgumentException.class, () -> new HalfSpreadAssumption(0.02, 0.01, 0, 0, 0.01),
                "cap below the base fraction");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HalfSpreadAssumption(0.02, 0.01, Double.NaN, 0, 0.5));
        assertTrue(e.getMessage().contains("halfSpread.perAbsLogMoneyness"), e.getMessage());
    }
}
