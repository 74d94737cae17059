package io.volsurf.forecaster.grid;

import java.util.Arrays;

/**
 * The canonical grid a surface is sampled on: target tenors (calendar days) by moneyness knots.
 * Cells are indexed {@code [tenor][knot]}, flattened row-major as {@code tenor * knots + knot}.
 */
public record GridSpec(int[] tenorsDays, double[] knots, MoneynessScaling scaling) {

    public GridSpec {
        if (tenorsDays.length == 0 || knots.length == 0) {
            throw new IllegalArgumentException("grid_spec needs at least one tenor and one knot");
        }
        for (int i = 0; i < tenorsDays.length; i++) {
            if (tenorsDays[i] <= 0 || (i > 0 && tenorsDays[i] <= tenorsDays[i - 1])) {
                throw new IllegalArgumentException("grid_spec tenors must be positive and increasing: "
                        + Arrays.toString(tenorsDays));
            }
        }
        for (int j = 1; j < knots.length; j++) {
            if (!(knots[j] > knots[j - 1])) {
                throw new IllegalArgumentException("grid_spec knots must be increasing: " + Arrays.toString(knots));
            }
        }
        tenorsDays = tenorsDays.clone();
        knots = knots.clone();
    }

    public int tenorCount() {
        return tenorsDays.length;
    }

    public int knotCount() {
        return knots.length;
    }

    public int cellCount() {
        return tenorsDays.length * knots.length;
    }

    /** Tenor in years (ACT/365F). */
    public double tenorYears(int tenorIndex) {
        return tenorsDays[tenorIndex] / 365.0;
    }

    @Override
    public int[] tenorsDays() {
        return tenorsDays.clone();
    }

    @Override
    public double[] knots() {
        return knots.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridSpec g && Arrays.equals(tenorsDays, g.tenorsDays) && Arrays.equals(knots, g.knots)
                && scaling == g.scaling;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(tenorsDays) + Arrays.hashCode(knots)) + scaling.hashCode();
    }

    @Override
    public String toString() {
        return "GridSpec[tenorsDays=" + Arrays.toString(tenorsDays) + ", knots=" + Arrays.toString(knots)
                + ", scaling=" + scaling + "]";
    }
}
