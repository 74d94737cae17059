package io.volsurf.forecaster.grid;

import io.volsurf.forecaster.calendar.Act365F;
import java.util.Arrays;

/**
 * The canonical grid a surface is sampled on: target tenors (calendar days) by moneyness knots.
 * Cells are indexed {@code [tenor][knot]}, flattened row-major as {@code tenor * knots + knot}.
 */
public record GridSpec(int[] tenorsDays, double[] knots, MoneynessScaling scaling) implements java.io.Serializable {

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

    /**
     * The default grid: tenors 7, 14, 30, 60, 91, 182 and 273 calendar days by knots
     * {@code z = -2, -1.25, -0.5, 0, 0.5, 1.25, 2} in ATM standard deviations ({@link MoneynessScaling#ATM_STD}:
     * {@code k = z sigma_ATM(T) sqrt(T)}).
     *
     * <p>Why: knots in ATM standard deviations span the same deltas (about 5 to 95 delta) for an equity index
     * at 15% vol and for bitcoin at 50%, and for 7-day and 9-month tenors alike, where fixed log-moneyness
     * knots would sit far beyond the quoted strikes of short SPY expiries and inside the ATM strike gap of
     * Deribit's. |z| = 2 stays inside the strikes both venues quote after junk filtering (Deribit lists
     * 25-30 strikes an expiry). Tenors stop at 273 days because Deribit's last listed expiry is 10 to 12 months
     * out: a 365-day row would be masked on every bitcoin session (no extrapolation), while 273 days is
     * bracketed by listed expiries on every session of both data sets. Configure a 365-day tenor for equity-only
     * work.
     */
    public static GridSpec defaultSpec() {
        return new GridSpec(new int[] {7, 14, 30, 60, 91, 182, 273},
                new double[] {-2, -1.25, -0.5, 0, 0.5, 1.25, 2}, MoneynessScaling.ATM_STD);
    }

    /**
     * Log-moneyness {@code k = ln(K/F)} of knot {@code knot} at a tenor of {@code tenorYears} years, given the ATM
     * implied vol there (used only by {@link MoneynessScaling#ATM_STD}).
     */
    public double logMoneyness(int knotIndex, double tenorYears, double atmVol) {
        double z = knots[knotIndex];
        return switch (scaling) {
            case LOG_MONEYNESS -> z;
            case SQRT_T -> z * Math.sqrt(tenorYears);
            case ATM_STD -> z * atmVol * Math.sqrt(tenorYears);
        };
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
        return Act365F.yearsOfDays(tenorsDays[tenorIndex]);
    }

    /** Index of the first tenor at or beyond {@code years}; {@link #tenorCount()} when every tenor is shorter. */
    public int firstTenorAtOrAbove(double years) {
        int i = 0;
        while (i < tenorsDays.length && tenorYears(i) < years) {
            i++;
        }
        return i;
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
