package io.volsurf.forecaster.projector;

import io.volsurf.forecaster.iv.NormalDistribution;
import io.volsurf.forecaster.svi.DurrlemanCondition;
import io.volsurf.forecaster.svi.SviParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects a forecast surface, given as one SVI smile per tenor, onto a surface free of static arbitrage.
 *
 * <p>Butterfly: a smile with Durrleman {@code g < 0} somewhere (or a wing slope above 2) is moved the least
 * amount along the segment towards the flat smile at its own ATM total variance ({@code b -> 0}, which has
 * {@code g = 1}); the amount is found by bisection. Calendar: the projected tenor-{@code m} total variance is
 * {@code max_{j <= m} w_j(k)}, the smallest function above each repaired smile that is non-decreasing in maturity;
 * a maximum of smiles with convex call prices has convex call prices, so the calendar repair keeps the
 * butterfly repair. Both are checked afterwards on a fine grid of log-moneyness, model-free (call-price convexity
 * in strike and monotonicity in maturity).
 */
public final class NoArbitrageProjector {

    private static final double CONVEXITY_TOLERANCE = 1e-10;
    private static final double CALENDAR_TOLERANCE = 1e-12;
    private static final int BISECTION_STEPS = 40;

    private final DurrlemanCondition durrleman = new DurrlemanCondition();
    private final int finePoints;

    /** @param finePoints points of the fine log-moneyness grid used by the checks (at least 11) */
    public NoArbitrageProjector(int finePoints) {
        if (finePoints < 11) {
            throw new IllegalArgumentException("finePoints must be >= 11, got " + finePoints);
        }
        this.finePoints = finePoints;
    }

    public NoArbitrageProjector() {
        this(201);
    }

    /**
     * @param maturityYears per tenor the maturity (years), increasing
     * @param smiles        per tenor the forecast SVI smile
     * @param cellK         per cell its log-moneyness, {@code [tenor][knot]} flattened
     * @param cellW         per cell the forecast total variance before projection (the distance is measured from it)
     */
    public ProjectedSurface project(double[] maturityYears, List<SviParams> smiles, double[] cellK, double[] cellW) {
        int tenors = maturityYears.length;
        if (smiles.size() != tenors || tenors == 0) {
            throw new IllegalArgumentException("smiles: one per tenor expected, got " + smiles.size() + " for "
                    + tenors + " tenors");
        }
        if (cellK.length != cellW.length || cellK.length % tenors != 0) {
            throw new IllegalArgumentException("cellK/cellW: lengths " + cellK.length + "/" + cellW.length
                    + " are not a whole number of tenor rows");
        }
        for (int m = 0; m < tenors; m++) {
            if (!(maturityYears[m] > 0) || (m > 0 && !(maturityYears[m] > maturityYears[m - 1]))) {
                throw new IllegalArgumentException("maturityYears must be positive and increasing");
            }
        }
        for (int c = 0; c < cellK.length; c++) {
            if (!Double.isFinite(cellK[c]) || !Double.isFinite(cellW[c])) {
                throw new IllegalArgumentException("cellK/cellW: not finite at cell " + c);
            }
        }
        int knots = cellK.length / tenors;
        double[] fineK = fineGrid(cellK);

        int butterflyBefore = 0;
        List<SviParams> repaired = new ArrayList<>(tenors);
        for (SviParams p : smiles) {
            if (!butterflyFree(p)) {
                butterflyBefore++;
                repaired.add(repairButterfly(p));
            } else {
                repaired.add(p);
            }
        }
        int calendarBefore = calendarViolations(smileFunctions(smiles, fineK, false));

        double[][] fineAfter = smileFunctions(repaired, fineK, true);
        int calendarAfter = calendarViolations(fineAfter);
        int butterflyAfter = 0;
        for (int m = 0; m < tenors; m++) {
            if (!convexCallPrices(fineK, fineAfter[m])) {
                butterflyAfter++;
            }
        }

        double[] w = new double[cellK.length];
        double sumSq = 0;
        double maxVolShift = 0;
        for (int c = 0; c < w.length; c++) {
            int m = c / knots;
            double v = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= m; j++) {
                v = Math.max(v, repaired.get(j).totalVariance(cellK[c]));
            }
            w[c] = v;
            double d = v - cellW[c];
            sumSq += d * d;
            double t = maturityYears[m];
            double volShift = Math.abs(Math.sqrt(Math.max(v, 0) / t) - Math.sqrt(Math.max(cellW[c], 0) / t));
            maxVolShift = Math.max(maxVolShift, 100 * volShift);
        }
        ProjectionReport report = new ProjectionReport(butterflyBefore, calendarBefore, butterflyAfter, calendarAfter,
                Math.sqrt(sumSq / w.length), maxVolShift);
        return new ProjectedSurface(repaired, w, report);
    }

    /** No butterfly arbitrage in the smile: Durrleman's g >= 0 and both wing slopes at most 2 (Lee). */
    public boolean butterflyFree(SviParams p) {
        return p.minimumTotalVariance() > 0 && p.maxWingSlope() <= 2 && durrleman.minimum(p).minG() >= 0;
    }

    /** The smile closest to {@code p} on the segment towards the flat smile at its ATM level that is butterfly free. */
    public SviParams repairButterfly(SviParams p) {
        double flat = Math.max(p.totalVariance(0), 1e-10);
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = 0.5 * (lo + hi);
            if (butterflyFree(toward(p, flat, mid))) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return toward(p, flat, hi);
    }

    private static SviParams toward(SviParams p, double flat, double lambda) {
        return new SviParams((1 - lambda) * p.a() + lambda * flat, (1 - lambda) * p.b(), p.rho(), p.m(), p.sigma());
    }

    /** Model-free butterfly check: undiscounted call prices (forward 1) are convex in strike on the grid. */
    public static boolean convexCallPrices(double[] k, double[] w) {
        double[] strike = new double[k.length];
        double[] call = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            if (!(w[i] > 0)) {
                return false;
            }
            double sd = Math.sqrt(w[i]);
            double d1 = -k[i] / sd + sd / 2;
            strike[i] = Math.exp(k[i]);
            call[i] = NormalDistribution.cdf(d1) - strike[i] * NormalDistribution.cdf(d1 - sd);
        }
        for (int i = 1; i < k.length - 1; i++) {
            double left = (call[i] - call[i - 1]) / (strike[i] - strike[i - 1]);
            double right = (call[i + 1] - call[i]) / (strike[i + 1] - strike[i]);
            if (right - left < -CONVEXITY_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Points {@code (tenor, k)} of the fine grid where total variance decreases from the previous tenor. */
    public static int calendarViolations(double[][] wByTenorOnFineGrid) {
        int count = 0;
        for (int m = 1; m < wByTenorOnFineGrid.length; m++) {
            for (int i = 0; i < wByTenorOnFineGrid[m].length; i++) {
                if (wByTenorOnFineGrid[m][i] < wByTenorOnFineGrid[m - 1][i] - CALENDAR_TOLERANCE) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Fine grid over the cells' log-moneyness range, widened by half its width on each side. */
    public double[] fineGrid(double[] cellK) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double k : cellK) {
            lo = Math.min(lo, k);
            hi = Math.max(hi, k);
        }
        double width = Math.max(hi - lo, 0.2);
        lo -= 0.5 * width;
        hi += 0.5 * width;
        double[] grid = new double[finePoints];
        for (int i = 0; i < finePoints; i++) {
            grid[i] = lo + (hi - lo) * i / (finePoints - 1);
        }
        return grid;
    }

    private static double[][] smileFunctions(List<SviParams> smiles, double[] fineK, boolean cumulativeMax) {
        double[][] w = new double[smiles.size()][fineK.length];
        for (int m = 0; m < smiles.size(); m++) {
            for (int i = 0; i < fineK.length; i++) {
                double v = smiles.get(m).totalVariance(fineK[i]);
                w[m][i] = cumulativeMax && m > 0 ? Math.max(v, w[m - 1][i]) : v;
            }
        }
        return w;
    }
}
