package io.volsurf.strategy.market;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import java.time.LocalDate;
import java.util.OptionalInt;

/** A {@link ForecastView} over a grid {@link SurfaceForecast}: reads it with {@link SurfaceForecast#impliedVol(double, double)}. */
public final class SurfaceForecastView implements ForecastView {
    private final SurfaceForecast forecast;

    public SurfaceForecastView(SurfaceForecast forecast) {
        if (forecast == null) {
            throw new IllegalArgumentException("forecast is required");
        }
        this.forecast = forecast;
    }

    @Override
    public LocalDate forecastFor() {
        return forecast.forecastFor();
    }

    @Override
    public OptionalInt arbitrageViolations() {
        return forecast.projection() == null ? OptionalInt.empty()
                : OptionalInt.of(forecast.projection().violationsAfter());
    }

    @Override
    public double impliedVol(double maturityYears, double logMoneyness) {
        return forecast.impliedVol(maturityYears, logMoneyness);
    }
}
