package io.volsurf.forecaster.projector;

import io.volsurf.forecaster.svi.SviParams;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Projects a forecast surface given by its cells onto one free of static arbitrage, changing as little as it can.
 * The surface is read by the rule of the grid readers ({@code SurfaceForecast#impliedVol}, the REST surface reader
 * of a forecast without per-tenor smiles): per tenor, total variance linear in log-moneyness between the row's cells
 * and flat beyond its outer cells; between tenors, linear in maturity at fixed log-moneyness.
 *
 * <p>Checks, where the surface is interpolated (beyond a row's outer cells the readers hold total variance flat, an
 * extrapolation they flag, not checked here). Butterfly: undiscounted call prices (forward 1) convex in strike at
 * the row's cells and at {@code finePoints} points between its outer cells. Calendar: total variance of tenor m at or
 * above tenor m - 1 at every cell of either row inside both rows' cell ranges; both rows are linear between their
 * cells, so this is the condition at every k of the overlap, and linear interpolation in maturity keeps it between
 * tenors.
 *
 * <p>Repairs, only where a check fails, so that an arbitrage-free input comes back bit for bit. Butterfly: the
 * violating row moves the least amount (bisection) along the segment towards a butterfly-free row: its SVI refit
 * (made butterfly-free by {@link NoArbitrageProjector#repairButterfly}) at the row's cells, moved the least amount
 * towards the flat row at the row's ATM total variance where its chords still fail the check. Calendar: when every
 * row has the same log-moneyness (a grid in plain log-moneyness) isotonic regression in maturity per column (pool
 * adjacent violators, equal weights), which leaves every column without a violation untouched; otherwise (knots in
 * ATM standard deviations) the deficit at a violating point is split evenly between the two rows, each moving its
 * cell at that point or both ends of its segment there, sweep after sweep until none is left. Up to five rounds of
 * both; a surface still failing after them moves the least amount towards the flat, maturity-non-decreasing surface
 * at the rows' ATM levels (which passes both checks): first only its violating rows, else all of them.
 */
public final class CellNoArbitrageProjector {

    private static final double CALENDAR_TOLERANCE = 1e-12;
    private static final double MIN_TOTAL_VARIANCE = 1e-8;
    private static final int BISECTION_STEPS = 30;
    private static final int ROUNDS = 5;
    private static final int CALENDAR_SWEEPS = 50;

    private final NoArbitrageProjector smileRepair = new NoArbitrageProjector();
    private final int finePoints;

    /** @param finePoints points between a row's outer cells where butterfly is checked (at least 11) */
    public CellNoArbitrageProjector(int finePoints) {
        if (finePoints < 11) {
            throw new IllegalArgumentException("finePoints must be >= 11, got " + finePoints);
        }
        this.finePoints = finePoints;
    }

    public CellNoArbitrageProjector() {
        this(101);
    }

    /**
     * @param maturityYears per tenor the maturity (years), increasing
     * @param cellK         per cell its log-moneyness, {@code [tenor][knot]} flattened, non-decreasing within a row
     * @param cellW         per cell the forecast total variance (finite)
     * @param rowSmile      per tenor an SVI smile near the row, the butterfly repair's target; asked only for rows
     *                      that violate, may return null (then the flat row is the target)
     * @return the projected cells, no per-tenor smiles (the cells are the forecast), and what was done
     */
    public ProjectedSurface project(double[] maturityYears, double[] cellK, double[] cellW,
            IntFunction<SviParams> rowSmile) {
        int tenors = maturityYears.length;
        if (tenors == 0 || cellK.length != cellW.length || cellK.length % tenors != 0 || cellK.length == 0) {
            throw new IllegalArgumentException("cellK/cellW: lengths " + cellK.length + "/" + cellW.length
                    + " are not a whole number of rows of " + tenors + " tenors");
        }
        for (int m = 0; m < tenors; m++) {
            if (!(maturityYears[m] > 0) || (m > 0 && !(maturityYears[m] > maturityYears[m - 1]))) {
                throw new IllegalArgumentException("maturityYears must be positive and increasing");
            }
        }
        int knots = cellK.length / tenors;
        for (int c = 0; c < cellK.length; c++) {
            if (!Double.isFinite(cellK[c]) || !Double.isFinite(cellW[c])) {
                throw new IllegalArgumentException("cellK/cellW: not finite at cell " + c);
            }
            if (c % knots > 0 && !(cellK[c] >= cellK[c - 1])) {
                throw new IllegalArgumentException("cellK: decreasing within tenor row " + c / knots);
            }
        }
        Surface s = new Surface(cellK, tenors, knots, checkGrids(cellK, tenors, knots));
        double[] w = cellW.clone();
        int butterflyBefore = s.butterflyViolations(w);
        int calendarBefore = s.calendarViolations(w);
        if (butterflyBefore > 0 || calendarBefore > 0) {
            for (int round = 0; round < ROUNDS; round++) {
                for (int m = 0; m < tenors; m++) {
                    if (!s.rowButterflyFree(w, m)) {
                        repairRow(s, w, m, rowSmile.apply(m));
                    }
                }
                repairCalendar(s, w);
                if (s.butterflyViolations(w) == 0 && s.calendarViolations(w) == 0) {
                    break;
                }
            }
            if (s.butterflyViolations(w) > 0 || s.calendarViolations(w) > 0) {
                w = towardFlat(s, w);
            }
        }
        double sumSq = 0;
        double maxVolShift = 0;
        for (int c = 0; c < w.length; c++) {
            double d = w[c] - cellW[c];
            sumSq += d * d;
            double t = maturityYears[c / knots];
            double shift = Math.abs(Math.sqrt(Math.max(w[c], 0) / t) - Math.sqrt(Math.max(cellW[c], 0) / t));
            maxVolShift = Math.max(maxVolShift, 100 * shift);
        }
        ProjectionReport report = new ProjectionReport(butterflyBefore, calendarBefore, s.butterflyViolations(w),
                s.calendarViolations(w), Math.sqrt(sumSq / w.length), maxVolShift);
        return new ProjectedSurface(List.of(), w, report);
    }

    /** Whether the cells pass both checks (the rule of {@link #project}). */
    public boolean arbitrageFree(double[] maturityYears, double[] cellK, double[] cellW) {
        int tenors = maturityYears.length;
        int knots = cellK.length / tenors;
        Surface s = new Surface(cellK, tenors, knots, checkGrids(cellK, tenors, knots));
        return s.butterflyViolations(cellW) == 0 && s.calendarViolations(cellW) == 0;
    }

    /**
     * Moves row m the least amount towards a butterfly-free row: its smile's butterfly-free version at the row's
     * cells, itself moved the least amount towards the flat row when its chords fail the check (a smile repaired to
     * {@code g = 0} somewhere loses the curvature term between cells), else the flat row.
     */
    private void repairRow(Surface s, double[] w, int m, SviParams smile) {
        int from = m * s.knots;
        double[] original = Arrays.copyOfRange(w, from, from + s.knots);
        double[] flat = new double[s.knots];
        Arrays.fill(flat, Math.max(rowAt(s.cellK, original, 0, s.knots, 0.0), MIN_TOTAL_VARIANCE));
        double[] target = flat;
        if (smile != null) {
            SviParams free = smileRepair.butterflyFree(smile) ? smile : smileRepair.repairButterfly(smile);
            double[] onCells = new double[s.knots];
            for (int j = 0; j < s.knots; j++) {
                onCells[j] = Math.max(free.totalVariance(s.cellK[from + j]), MIN_TOTAL_VARIANCE);
            }
            target = leastPassing(s, w, m, onCells, flat);
        }
        leastPassing(s, w, m, original, target);
    }

    /**
     * Writes into row m the point of the segment from {@code a} to {@code b} (b passes the butterfly check) nearest
     * {@code a} that passes, by bisection, and returns it.
     */
    private static double[] leastPassing(Surface s, double[] w, int m, double[] a, double[] b) {
        int from = m * s.knots;
        blend(a, b, 0, w, from);
        if (s.rowButterflyFree(w, m)) {
            return a.clone();
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = 0.5 * (lo + hi);
            blend(a, b, mid, w, from);
            if (s.rowButterflyFree(w, m)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        blend(a, b, hi, w, from);
        return Arrays.copyOfRange(w, from, from + s.knots);
    }

    private static void blend(double[] a, double[] b, double lambda, double[] out, int from) {
        for (int j = 0; j < a.length; j++) {
            out[from + j] = lambda == 0 ? a[j] : lambda == 1 ? b[j] : (1 - lambda) * a[j] + lambda * b[j];
        }
    }

    private static void repairCalendar(Surface s, double[] w) {
        if (s.alignedColumns()) {
            for (int j = 0; j < s.knots; j++) {
                isotonicColumn(w, j, s.tenors, s.knots);
            }
            return;
        }
        // the deficit at a violating point is split between the two rows (as isotonic regression splits it), each
        // moving the cell at that point or, between cells, both ends of the segment
        for (int sweep = 0; sweep < CALENDAR_SWEEPS; sweep++) {
            boolean moved = false;
            for (int m = 1; m < s.tenors; m++) {
                for (int r = m - 1; r <= m; r++) {
                    for (int j = 0; j < s.knots; j++) {
                        double x = s.cellK[r * s.knots + j];
                        if (!s.inOverlap(m, x)) {
                            continue;
                        }
                        double deficit = s.at(w, m - 1, x) - s.at(w, m, x);
                        if (deficit > CALENDAR_TOLERANCE) {
                            s.shiftAt(w, m - 1, x, -0.5 * deficit);
                            s.shiftAt(w, m, x, 0.5 * deficit);
                            moved = true;
                        }
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
    }

    /** Pool-adjacent-violators on column j (non-decreasing in maturity); unpooled cells keep their value exactly. */
    static void isotonicColumn(double[] w, int j, int tenors, int knots) {
        double[] mean = new double[tenors];
        int[] size = new int[tenors];
        int blocks = 0;
        for (int m = 0; m < tenors; m++) {
            mean[blocks] = w[m * knots + j];
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
                int n = size[blocks - 2] + size[blocks - 1];
                mean[blocks - 2] = (mean[blocks - 2] * size[blocks - 2] + mean[blocks - 1] * size[blocks - 1]) / n;
                size[blocks - 2] = n;
                blocks--;
            }
        }
        int m = 0;
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < size[b]; i++, m++) {
                if (size[b] > 1) {
                    w[m * knots + j] = mean[b];
                }
            }
        }
    }

    /**
     * The least move towards the flat surface whose row m sits at the largest ATM total variance of rows 0..m (flat
     * rows have convex call prices, non-decreasing levels no calendar arbitrage): first of the rows that still
     * violate (a failing row, or either row of a failing calendar pair), and only if that cannot pass, of all rows.
     */
    private static double[] towardFlat(Surface s, double[] w) {
        double[] flat = new double[w.length];
        double level = MIN_TOTAL_VARIANCE;
        for (int m = 0; m < s.tenors; m++) {
            level = Math.max(level, s.at(w, m, 0.0));
            Arrays.fill(flat, m * s.knots, (m + 1) * s.knots, level);
        }
        boolean[] violating = new boolean[s.tenors];
        for (int m = 0; m < s.tenors; m++) {
            violating[m] |= !s.rowButterflyFree(w, m);
            if (m > 0 && s.pairViolations(w, m) > 0) {
                violating[m] = true;
                violating[m - 1] = true;
            }
        }
        double[] out = new double[w.length];
        if (!leastTowards(s, w, flat, violating, out)) {
            boolean[] all = new boolean[s.tenors];
            Arrays.fill(all, true);
            leastTowards(s, w, flat, all, out);
        }
        return out;
    }

    /** Bisection on the rows marked; false when even the whole way does not pass. */
    private static boolean leastTowards(Surface s, double[] w, double[] flat, boolean[] rows, double[] out) {
        System.arraycopy(w, 0, out, 0, w.length);
        for (int m = 0; m < s.tenors; m++) {
            if (rows[m]) {
                blend(Arrays.copyOfRange(w, m * s.knots, (m + 1) * s.knots),
                        Arrays.copyOfRange(flat, m * s.knots, (m + 1) * s.knots), 1, out, m * s.knots);
            }
        }
        if (s.butterflyViolations(out) > 0 || s.calendarViolations(out) > 0) {
            return false;
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i <= BISECTION_STEPS; i++) {
            double lambda = i == BISECTION_STEPS ? hi : 0.5 * (lo + hi);
            for (int m = 0; m < s.tenors; m++) {
                if (rows[m]) {
                    blend(Arrays.copyOfRange(w, m * s.knots, (m + 1) * s.knots),
                            Arrays.copyOfRange(flat, m * s.knots, (m + 1) * s.knots), lambda, out, m * s.knots);
                }
            }
            if (i < BISECTION_STEPS) {
                if (s.butterflyViolations(out) == 0 && s.calendarViolations(out) == 0) {
                    hi = lambda;
                } else {
                    lo = lambda;
                }
            }
        }
        return true;
    }

    /** Per row the points where butterfly is checked: its cells and the fine points strictly between them. */
    private double[][] checkGrids(double[] cellK, int tenors, int knots) {
        double[][] grids = new double[tenors][];
        for (int m = 0; m < tenors; m++) {
            double lo = cellK[m * knots];
            double hi = cellK[m * knots + knots - 1];
            double[] points = new double[knots + finePoints];
            int n = 0;
            int next = 0;
            for (int i = 0; i < finePoints; i++) {
                double x = lo + (hi - lo) * i / (finePoints - 1);
                while (next < knots && cellK[m * knots + next] <= x + 1e-9) {
                    double k = cellK[m * knots + next++];
                    if (n == 0 || k > points[n - 1] + 1e-12) {
                        points[n++] = k;
                    }
                }
                if (Math.abs(x - points[n - 1]) > 1e-9 && x > points[n - 1]) {
                    points[n++] = x;
                }
            }
            while (next < knots) {
                double k = cellK[m * knots + next++];
                if (k > points[n - 1] + 1e-12) {
                    points[n++] = k;
                }
            }
            grids[m] = Arrays.copyOf(points, n);
        }
        return grids;
    }

    /** Total variance of a row at k by the readers' rule: linear between the row's cells, flat beyond. */
    static double rowAt(double[] cellK, double[] w, int from, int knots, double k) {
        if (k <= cellK[from]) {
            return w[from];
        }
        int last = from + knots - 1;
        if (k >= cellK[last]) {
            return w[last];
        }
        int j = from + 1;
        while (cellK[j] < k) {
            j++;
        }
        // k lies strictly inside (cellK[j - 1], cellK[j]], so the width is positive
        double u = (k - cellK[j - 1]) / (cellK[j] - cellK[j - 1]);
        return (1 - u) * w[j - 1] + u * w[j];
    }

    /** The grid geometry and the checks on it. */
    private record Surface(double[] cellK, int tenors, int knots, double[][] checkGrids) {

        double at(double[] w, int m, double k) {
            return rowAt(cellK, w, m * knots, knots, k);
        }

        boolean rowButterflyFree(double[] w, int m) {
            double[] grid = checkGrids[m];
            double[] v = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                v[i] = at(w, m, grid[i]);
            }
            return NoArbitrageProjector.convexCallPrices(grid, v);
        }

        int butterflyViolations(double[] w) {
            int n = 0;
            for (int m = 0; m < tenors; m++) {
                if (!rowButterflyFree(w, m)) {
                    n++;
                }
            }
            return n;
        }

        /** Check points of all adjacent pairs where the longer tenor's total variance lies below the shorter's. */
        int calendarViolations(double[] w) {
            int n = 0;
            for (int m = 1; m < tenors; m++) {
                n += pairViolations(w, m);
            }
            return n;
        }

        /**
         * Cells of tenors m - 1 and m inside both rows' cell ranges where tenor m lies below tenor m - 1: both rows are
         * linear between cells there, so these points decide the whole overlap.
         */
        int pairViolations(double[] w, int m) {
            int n = 0;
            for (int r = m - 1; r <= m; r++) {
                for (int j = 0; j < knots; j++) {
                    double x = cellK[r * knots + j];
                    if (inOverlap(m, x) && at(w, m, x) < at(w, m - 1, x) - CALENDAR_TOLERANCE) {
                        n++;
                    }
                }
            }
            return n;
        }

        /** Whether k lies within the cells of both tenor m - 1 and tenor m (where neither row is extrapolated). */
        boolean inOverlap(int m, double k) {
            double lo = Math.max(cellK[(m - 1) * knots], cellK[m * knots]);
            double hi = Math.min(cellK[(m - 1) * knots + knots - 1], cellK[m * knots + knots - 1]);
            return k >= lo && k <= hi;
        }

        /** Moves row m's interpolated value at k (inside its cells) by delta: the cell at k, or both ends around it. */
        void shiftAt(double[] w, int m, double k, double delta) {
            int from = m * knots;
            int j = 0;
            while (j < knots - 1 && cellK[from + j] < k) {
                j++;
            }
            if (cellK[from + j] == k || j == 0) {
                w[from + j] += delta;
            } else {
                w[from + j] += delta;
                w[from + j - 1] += delta;
            }
        }

        boolean alignedColumns() {
            for (int m = 1; m < tenors; m++) {
                for (int j = 0; j < knots; j++) {
                    if (cellK[m * knots + j] != cellK[j]) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
