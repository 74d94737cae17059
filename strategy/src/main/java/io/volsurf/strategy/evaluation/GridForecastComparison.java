package io.volsurf.strategy.evaluation;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.strategy.result.ForecastVsRealized;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Forecast-vs-realized rows per grid cell: the forecast made at the close of t for t+1 against the market
 * surface of t+1, cell by cell (same grid), on the cells the market supports ({@code mask}); the market IV at t
 * of the same cell where t's surface is given and supports it. Rows for the {@code forecast_vs_realized} table
 * beside the per-contract rows the backtest produces.
 */
public final class GridForecastComparison {

    /**
     * @param madeOn   session t
     * @param forecast forecast for t+1
     * @param realized the market surface of t+1
     * @param previous the market surface of t; null when not at hand (then {@code marketIvAtForecast} is NaN)
     * @throws IllegalArgumentException when the grids differ or the forecast is for another session
     */
    public List<ForecastVsRealized> rows(LocalDate madeOn, SurfaceForecast forecast, CanonicalSurface realized,
            CanonicalSurface previous) {
        if (!forecast.spec().equals(realized.spec()) || (previous != null && !previous.spec().equals(realized.spec()))) {
            throw new IllegalArgumentException("spec: the forecast and the surfaces must share one grid");
        }
        if (!forecast.forecastFor().equals(realized.session())) {
            throw new IllegalArgumentException("realized.session " + realized.session()
                    + " is not the session forecast (" + forecast.forecastFor() + ")");
        }
        var spec = realized.spec();
        int knots = spec.knotCount();
        List<ForecastVsRealized> out = new ArrayList<>();
        for (int cell = 0; cell < spec.cellCount(); cell++) {
            double realizedIv = realized.impliedVol()[cell];
            if (!realized.mask()[cell] || !(realizedIv > 0)) {
                continue;
            }
            int tenor = cell / knots;
            double before = previous != null && previous.mask()[cell] ? previous.impliedVol()[cell] : Double.NaN;
            out.add(ForecastVsRealized.gridCell(madeOn, realized.session(), realized.ticker(),
                    spec.tenorsDays()[tenor], spec.knots()[cell % knots], spec.tenorYears(tenor),
                    realized.logMoneyness()[cell], before, forecast.impliedVol(cell), realizedIv));
        }
        return out;
    }
}
