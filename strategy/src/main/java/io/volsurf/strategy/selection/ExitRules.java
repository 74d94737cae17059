package io.volsurf.strategy.selection;

import io.volsurf.strategy.config.StrategyConfig;
import io.volsurf.strategy.result.TradeReason;
import java.util.Optional;

/**
 * When an open trade is closed, checked in this order: too close to expiry ({@code minDaysToExpiry}), held
 * long enough ({@code holdingPeriodSessions}), gap closed (the forecast-minus-market gap in the trade's
 * direction has shrunk to {@code exitGapVolPoints} or below; only where there is a forecast).
 */
public final class ExitRules {
    private final StrategyConfig config;

    public ExitRules(StrategyConfig config) {
        this.config = config;
    }

    /**
     * @param direction        +1 long vol, -1 short vol
     * @param sessionsHeld     sessions since entry
     * @param minDaysToExpiry  smallest days to expiry among the trade's legs
     * @param currentGapVol    forecast minus market IV now (decimal); NaN when there is no forecast
     */
    public Optional<TradeReason> exitReason(int direction, int sessionsHeld, double minDaysToExpiry,
            double currentGapVol) {
        if (minDaysToExpiry <= config.minDaysToExpiry()) {
            return Optional.of(TradeReason.EXIT_DAYS_TO_EXPIRY);
        }
        if (sessionsHeld >= config.holdingPeriodSessions()) {
            return Optional.of(TradeReason.EXIT_HOLDING_PERIOD);
        }
        if (Double.isFinite(currentGapVol) && direction * currentGapVol <= config.exitGapVol()) {
            return Optional.of(TradeReason.EXIT_GAP_CLOSED);
        }
        return Optional.empty();
    }
}
