package io.volsurf.forecaster.projector;

/**
 * What the no-arbitrage projector found and did to one surface.
 *
 * @param butterflyViolationsBefore tenors whose smile had butterfly arbitrage (Durrleman {@code g < 0} or a wing
 *                                  slope above 2) before projection
 * @param calendarViolationsBefore  fine-grid points {@code (tenor, k)} where total variance decreased in maturity
 * @param butterflyViolationsAfter  tenors whose projected smile fails call-price convexity in strike on the fine grid
 * @param calendarViolationsAfter   fine-grid points where the projected total variance decreases in maturity
 * @param rmsShiftTotalVariance     root mean square change of the cells' total variance (years x vol^2)
 * @param maxShiftVolPoints         largest change of a cell's implied vol, in vol points (1.0 = 0.01 vol)
 */
public record ProjectionReport(int butterflyViolationsBefore, int calendarViolationsBefore, int butterflyViolationsAfter,
        int calendarViolationsAfter, double rmsShiftTotalVariance, double maxShiftVolPoints) implements java.io.Serializable {

    public int violationsBefore() {
        return butterflyViolationsBefore + calendarViolationsBefore;
    }

    public int violationsAfter() {
        return butterflyViolationsAfter + calendarViolationsAfter;
    }
}
