package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.grid.GridSpec;
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
     * Implied volatility (decimal) at any maturity and log-moneyness. Per tenor row the total variance at
     * {@code k} comes from the tenor's SVI smile when the forecast has one per tenor, else linearly between the
     * row's cells (flat beyond the outer knots); across tenors total variance is linear in T at fixed k, with flat
     * vol below the first and beyond the last tenor. NaN for a non-positive maturity or a non-finite k.
     */
    public double impliedVol(double maturityYears, double k) {
        if (!(maturityYears > 0) || !Double.isFinite(k)) {
            return Double.NaN;
        }
        int last = spec.tenorCount() - 1;
        double t0 = spec.tenorYears(0);
        double tn = spec.tenorYears(last);
        double w;
        if (maturityYears <= t0) {
            w = rowTotalVariance(0, k) * maturityYears / t0;
        } else if (maturityYears >= tn) {
            w = rowTotalVariance(last, k) * maturityYears / tn;
        } else {
            int hi = spec.firstTenorAtOrAbove(maturityYears);
            double ta = spec.tenorYears(hi - 1);
            double u = (maturityYears - ta) / (spec.tenorYears(hi) - ta);
            w = (1 - u) * rowTotalVariance(hi - 1, k) + u * rowTotalVariance(hi, k);
        }
        return Math.sqrt(Math.max(w, 0.0) / maturityYears);
    }

    private double rowTotalVariance(int tenor, double k) {
        if (tenorSvi.size() == spec.tenorCount()) {
            return tenorSvi.get(tenor).totalVariance(k);
        }
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
