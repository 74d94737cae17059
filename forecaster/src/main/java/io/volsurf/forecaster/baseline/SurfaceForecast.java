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
        double[] totalVariance, List<SviParams> tenorSvi, ProjectionReport projection) {

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
}
