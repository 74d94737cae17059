package io.volsurf.strategy.selection;

/**
 * A candidate with its size.
 *
 * @param candidate the trade
 * @param quantity  contracts per leg, unsigned (a multiple of the option lot)
 */
public record SizedTrade(Candidate candidate, double quantity) {

    /** Signed contracts per leg (+ buy). */
    public double signedQuantity() {
        return candidate.direction() * quantity;
    }
}
