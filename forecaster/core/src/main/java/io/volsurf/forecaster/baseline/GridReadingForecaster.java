package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SurfaceRegridder;
import io.volsurf.forecaster.sample.SurfaceHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A forecaster that works on one grid (a trained model's) answering histories on another: each surface of the
 * history is sampled onto the forecaster's grid from its SVI slices ({@link SurfaceRegridder}), and the forecast is
 * read at the history's grid ({@link SurfaceForecast#readOn}). The half-spreads of the re-sampled history are not
 * needed for a forecast and are left out. Immutable when the wrapped forecaster is.
 */
public final class GridReadingForecaster implements SurfaceForecaster {

    private final SurfaceForecaster forecaster;
    private final GridSpec forecasterGrid;
    private final SurfaceRegridder regridder = new SurfaceRegridder();

    /**
     * @param forecaster     the forecaster, which expects histories on {@code forecasterGrid}
     * @param forecasterGrid its grid
     */
    public GridReadingForecaster(SurfaceForecaster forecaster, GridSpec forecasterGrid) {
        this.forecaster = forecaster;
        this.forecasterGrid = forecasterGrid;
    }

    @Override
    public String name() {
        return forecaster.name();
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        GridSpec asked = history.latest().spec();
        if (asked.equals(forecasterGrid)) {
            return forecaster.forecast(history);
        }
        List<CanonicalSurface> onGrid = new ArrayList<>(history.surfaces().size());
        for (CanonicalSurface s : history.surfaces()) {
            onGrid.add(regridder.regrid(s, forecasterGrid, Map.of()));
        }
        SurfaceHistory moved = new SurfaceHistory(onGrid, history.sessionFeatures(), history.featureNames(),
                history.gapDaysToNext());
        return forecaster.forecast(moved).readOn(asked);
    }
}
