package io.volsurf.forecaster.arbitrage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Calendar arbitrage across expiries: total variance {@code w(k, T)} must be non-decreasing in T at every
 * fixed log-moneyness {@code k = ln(K/F)} (forward-moneyness, so proportional dividends and rates drop out).
 * Adjacent expiries are compared on a k grid, which suffices since the order is transitive; each contiguous
 * violating interval is reported once with its worst point. Decreases below {@code toleranceTotalVariance}
 * are ignored (round-off and fits to the same quotes).
 */
public final class CalendarCheck {

    private final double[] kGrid;
    private final double toleranceTotalVariance;

    /** Default grid: k in [-1, 1], step 0.01, tolerance 1e-8 in total variance. */
    public CalendarCheck() {
        this(uniformGrid(-1, 1, 201), 1e-8);
    }

    /**
     * @param kGrid                  increasing log-moneyness points to compare at (typically the quoted range)
     * @param toleranceTotalVariance decreases up to this are not violations
     */
    public CalendarCheck(double[] kGrid, double toleranceTotalVariance) {
        if (kGrid == null || kGrid.length == 0) {
            throw new IllegalArgumentException("kGrid must hold at least one point");
        }
        for (int i = 0; i < kGrid.length; i++) {
            if (!Double.isFinite(kGrid[i]) || (i > 0 && !(kGrid[i] > kGrid[i - 1]))) {
                throw new IllegalArgumentException("kGrid must be finite and increasing at index " + i);
            }
        }
        if (!(toleranceTotalVariance >= 0)) {
            throw new IllegalArgumentException("toleranceTotalVariance must be >= 0, got " + toleranceTotalVariance);
        }
        this.kGrid = kGrid.clone();
        this.toleranceTotalVariance = toleranceTotalVariance;
    }

    public static double[] uniformGrid(double kFrom, double kTo, int points) {
        if (points < 2 || !(kTo > kFrom)) {
            throw new IllegalArgumentException("grid needs kTo > kFrom and >= 2 points");
        }
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = kFrom + (kTo - kFrom) * i / (points - 1);
        }
        return grid;
    }

    public List<CalendarViolation> check(List<MaturitySlice> slices) {
        List<MaturitySlice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingDouble(MaturitySlice::maturityYears));
        List<CalendarViolation> violations = new ArrayList<>();
        for (int s = 1; s < sorted.size(); s++) {
            MaturitySlice shorter = sorted.get(s - 1);
            MaturitySlice longer = sorted.get(s);
            int start = -1;
            double worst = 0;
            double worstK = 0;
            for (int i = 0; i <= kGrid.length; i++) {
                double decrease = i < kGrid.length
                        ? shorter.svi().totalVariance(kGrid[i]) - longer.svi().totalVariance(kGrid[i])
                        : Double.NEGATIVE_INFINITY;
                if (decrease > toleranceTotalVariance) {
                    if (start < 0) {
                        start = i;
                        worst = decrease;
                        worstK = kGrid[i];
                    } else if (decrease > worst) {
                        worst = decrease;
                        worstK = kGrid[i];
                    }
                } else if (start >= 0) {
                    violations.add(new CalendarViolation(shorter.maturityYears(), longer.maturityYears(),
                            kGrid[start], kGrid[i - 1], worstK, worst));
                    start = -1;
                }
            }
        }
        return List.copyOf(violations);
    }
}
