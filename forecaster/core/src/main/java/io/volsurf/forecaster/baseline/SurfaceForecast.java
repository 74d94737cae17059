package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.projector.ProjectionReport;
import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;
import java.util.List;

/**
 * A forecast of the next session's surface on the canonical grid.
 *
 * @param ticker        underlying
 * @param forecastFor   the session forecast (latest session + calendar gap)
 * @param spec          the grid
 * @param logMoneyness  {@code k = ln(K/F)} of each cell the forecast is made at
 * @param totalVariance forecast total variance {@code w = sigma^2 T} of each cell (never NaN)
 * @param tenorSvi      per tenor the SVI smile behind the forecast, empty when the forecaster has none
 * @param projection    what the no-arbitrage projector did, null when the forecast was not projected
 */
public record SurfaceForecast(String ticker, LocalDate forecastFor, GridSpec spec, double[] logMoneyness,
        double[] totalVariance, List<SviParams> tenorSvi, ProjectionReport projection) implements java.io.Serializable {

    public SurfaceForecast {
        int n = spec.cellCount();
        if (logMoneyness.length != n || totalVariance.length != n) {
            throw new IllegalArgumentException("forecast arrays must have " + n + " cells for " + spec);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(totalVariance[i]) || !Double.isFinite(logMoneyness[i])) {
                throw new IllegalArgumentException("forecast totalVariance/logMoneyness not finite at cell " + i
                        + " (" + ticker + " " + forecastFor + ")");
            }
        }
        tenorSvi = List.copyOf(tenorSvi);
    }

    /** Implied volatility (decimal) of a cell: {@code sqrt(max(w, 0) / T)}. */
    public double impliedVol(int cell) {
        return Math.sqrt(Math.max(totalVariance[cell], 0) / spec.tenorYears(cell / spec.knotCount()));
    }

    /**
     * Implied volatility (decimal) at any maturity and log-moneyness, by {@link #totalVariance(double, double)}.
     * NaN for a non-positive maturity or a non-finite k.
     */
    public double impliedVol(double maturityYears, double k) {
        return Math.sqrt(totalVariance(maturityYears, k) / maturityYears);
    }

    /**
     * Forecast total variance {@code w = sigma^2 T} at any maturity (years) and log-moneyness: the one rule by which
     * the REST endpoints, the backtest and {@code evaluate} read a forecast between and beyond its cells.
     *
     * <p>At a model tenor {@code w(k)} is that tenor's SVI slice when the forecast has one per tenor, else the
     * row's cells linearly interpolated in {@code k} and held flat beyond the outer knots; never below zero.
     * Between tenors {@code w} is linear in maturity at fixed {@code k} (which keeps a calendar-arbitrage-free
     * forecast free of calendar arbitrage). Before the first and beyond the last tenor the implied vol is held
     * flat at fixed {@code k}: {@code w(T, k) = w(T_edge, k) T / T_edge}. NaN for a non-positive maturity or a
     * non-finite k.
     */
    public double totalVariance(double maturityYears, double k) {
        if (!(maturityYears > 0) || !Double.isFinite(k)) {
            return Double.NaN;
        }
        int last = spec.tenorCount() - 1;
        double t0 = spec.tenorYears(0);
        double tn = spec.tenorYears(last);
        if (maturityYears <= t0) {
            return rowTotalVariance(0, k) * maturityYears / t0;
        }
        if (maturityYears >= tn) {
            return rowTotalVariance(last, k) * maturityYears / tn;
        }
        int hi = spec.firstTenorAtOrAbove(maturityYears);
        double ta = spec.tenorYears(hi - 1);
        double u = (maturityYears - ta) / (spec.tenorYears(hi) - ta);
        return (1 - u) * rowTotalVariance(hi - 1, k) + u * rowTotalVariance(hi, k);
    }

    /** Whether the forecast carries an SVI slice per tenor (read from the slices, not the cells). */
    public boolean hasTenorSvi() {
        return tenorSvi.size() == spec.tenorCount();
    }

    /** True when the point lies outside the model's tenors or outside the knots of the tenors around it. */
    public boolean extrapolated(double maturityYears, double k) {
        int last = spec.tenorCount() - 1;
        if (maturityYears < spec.tenorYears(0) - 1e-12 || maturityYears > spec.tenorYears(last) + 1e-12) {
            return true;
        }
        // m: the last tenor at or before the maturity; on a tenor only its own knots count.
        int m = 0;
        while (m < last && spec.tenorYears(m + 1) <= maturityYears + 1e-12) {
            m++;
        }
        boolean onTenor = Math.abs(spec.tenorYears(m) - maturityYears) <= 1e-12;
        return outsideKnots(m, k) || (!onTenor && outsideKnots(m + 1, k));
    }

    private boolean outsideKnots(int tenor, double k) {
        int n = spec.knotCount();
        return k < logMoneyness[tenor * n] - 1e-12 || k > logMoneyness[tenor * n + n - 1] + 1e-12;
    }

    /**
     * This forecast read on another grid by {@link #impliedVol(double, double)}: at each tenor of {@code target} the
     * knots map to log-moneyness with this forecast's own ATM vol there (for {@link MoneynessScaling#ATM_STD}). The
     * per-tenor SVI smiles do not carry over (the target's tenors may fall between them); the projector's report
     * does. This forecast itself when {@code target} is its grid.
     */
    public SurfaceForecast readOn(GridSpec target) {
        if (target.equals(spec)) {
            return this;
        }
        int knots = target.knotCount();
        double[] k = new double[target.cellCount()];
        double[] w = new double[target.cellCount()];
        for (int m = 0; m < target.tenorCount(); m++) {
            double t = target.tenorYears(m);
            double atm = impliedVol(t, 0.0);
            for (int j = 0; j < knots; j++) {
                int c = m * knots + j;
                k[c] = target.logMoneyness(j, t, atm);
                double vol = impliedVol(t, k[c]);
                w[c] = vol * vol * t;
            }
        }
        return new SurfaceForecast(ticker, forecastFor, target, k, w, List.of(), projection);
    }

    private double rowTotalVariance(int tenor, double k) {
        double w;
        if (hasTenorSvi()) {
            w = tenorSvi.get(tenor).totalVariance(k);
        } else {
            w = rowCells(tenor, k);
        }
        // A projected SVI slice is positive; the clamp guards an unprojected slice or a grid row with zero cells.
        return Math.max(w, 0.0);
    }

    private double rowCells(int tenor, double k) {
        int n = spec.knotCount();
        int base = tenor * n;
        if (k <= logMoneyness[base]) {
            return totalVariance[base];
        }
        if (k >= logMoneyness[base + n - 1]) {
            return totalVariance[base + n - 1];
        }
        int j = 1;
        while (logMoneyness[base + j] < k) {
            j++;
        }
        double ka = logMoneyness[base + j - 1];
        double kb = logMoneyness[base + j];
        double u = kb > ka ? (k - ka) / (kb - ka) : 0.0;
        return (1 - u) * totalVariance[base + j - 1] + u * totalVariance[base + j];
    }
}
