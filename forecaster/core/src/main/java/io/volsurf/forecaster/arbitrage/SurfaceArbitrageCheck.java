package io.volsurf.forecaster.arbitrage;

import java.util.List;

/** Butterfly check of every slice plus calendar check across them, as one {@link ArbitrageReport}. */
public final class SurfaceArbitrageCheck {

    private final ButterflyCheck butterfly;
    private final CalendarCheck calendar;

    public SurfaceArbitrageCheck() {
        this(new ButterflyCheck(), new CalendarCheck());
    }

    public SurfaceArbitrageCheck(ButterflyCheck butterfly, CalendarCheck calendar) {
        this.butterfly = butterfly;
        this.calendar = calendar;
    }

    public ArbitrageReport check(List<MaturitySlice> slices) {
        return check(slices, calendar.check(slices));
    }

    /**
     * The butterfly check of every slice, reported with calendar violations found by the caller (e.g. on
     * each adjacent pair's common quoted range only).
     */
    public ArbitrageReport check(List<MaturitySlice> slices, List<CalendarViolation> calendarViolations) {
        if (slices == null || slices.isEmpty()) {
            throw new IllegalArgumentException("slices must hold at least one SVI slice");
        }
        boolean free = true;
        double minG = Double.POSITIVE_INFINITY;
        double atK = 0;
        double atT = 0;
        for (MaturitySlice slice : slices) {
            ButterflyCheck.Result r = butterfly.check(slice.svi());
            free &= r.butterflyFree();
            if (r.minG() < minG) {
                minG = r.minG();
                atK = r.minGAtK();
                atT = slice.maturityYears();
            }
        }
        return new ArbitrageReport(free, minG, atK, atT, calendarViolations);
    }
}
