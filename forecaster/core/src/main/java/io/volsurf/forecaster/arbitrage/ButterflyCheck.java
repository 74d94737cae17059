package io.volsurf.forecaster.arbitrage;

import io.volsurf.forecaster.svi.DurrlemanCondition;
import io.volsurf.forecaster.svi.SviParams;

/**
 * Butterfly arbitrage of one SVI slice: the minimum of Durrleman's {@code g(k)} (negative means a negative
 * risk-neutral density, i.e. a butterfly spread with negative price) and where it is reached.
 */
public final class ButterflyCheck {

    private final DurrlemanCondition durrleman;

    public ButterflyCheck() {
        this(new DurrlemanCondition());
    }

    public ButterflyCheck(DurrlemanCondition durrleman) {
        this.durrleman = durrleman;
    }

    /**
     * @param butterflyFree true when {@code minG >= 0}
     * @param minG          the minimum of g found, {@code -Double.MAX_VALUE} where the slice has
     *                      non-positive total variance somewhere (g undefined)
     * @param minGAtK       log-moneyness of the minimum
     */
    public record Result(boolean butterflyFree, double minG, double minGAtK) {
    }

    public Result check(SviParams svi) {
        DurrlemanCondition.MinimumG m = durrleman.minimum(svi);
        double minG = Math.max(m.minG(), -Double.MAX_VALUE);
        return new Result(m.butterflyFree(), minG, m.atK());
    }
}
