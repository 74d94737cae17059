package io.volsurf.strategy.hedging;

/** Rounds hedge quantities to tradable lots. */
final class LotRounding {
    private LotRounding() {
    }

    /** Nearest multiple of {@code lot}; unchanged when {@code lot == 0} (continuous). */
    static double nearest(double x, double lot) {
        return lot == 0 ? x : Math.rint(x / lot) * lot;
    }
}
