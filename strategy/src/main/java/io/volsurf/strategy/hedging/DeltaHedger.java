package io.volsurf.strategy.hedging;

import io.volsurf.strategy.config.StrategyConfig;

/** Delta hedge with the underlying: hold {@code -delta} of the options book, rounded to the underlying lot. */
public final class DeltaHedger {
    private final StrategyConfig config;

    public DeltaHedger(StrategyConfig config) {
        this.config = config;
    }

    /** @param optionsBook Greeks of every option held (trading legs and any hedge option) */
    public HedgeTargets targets(BookGreeks optionsBook) {
        return new HedgeTargets(0.0, LotRounding.nearest(-optionsBook.delta(), config.underlyingLot()) + 0.0);
    }
}
