package io.volsurf.strategy.market;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@link ForecastView} over a grid {@link SurfaceForecast}. Per tenor row the total variance at k comes from
 * the tenor's SVI smile when the forecast has one per tenor, else linearly between the row's cells (flat beyond
 * the outer knots); across tenors total variance is linear in T at fixed k, with flat vol below the first and
 * beyond the last tenor.
 */
public final class SurfaceForecastView implements ForecastView {
    private final SurfaceForecast forecast;
    private final GridSpec spec;
    private final boolean useSvi;

    public SurfaceForecastView(SurfaceForecast forecast) {
        if (forecast == null) {
            throw new IllegalArgumentException("forecast is required");
        }
        this.forecast = forecast;
        this.spec = forecast.spec();
        this.useSvi = forecast.tenorSvi().size() == spec.tenorCount();
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
        if (!(maturityYears > 0) || !Double.isFinite(logMoneyness)) {
            return Double.NaN;
        }
        int last = spec.tenorCount() - 1;
        double t0 = spec.tenorYears(0);
        double tn = spec.tenorYears(last);
        double w;
        if (maturityYears <= t0) {
            w = rowTotalVariance(0, logMoneyness) * maturityYears / t0;
        } else if (maturityYears >= tn) {
            w = rowTotalVariance(last, logMoneyness) * maturityYears / tn;
        } else {
            int hi = 1;
            while (spec.tenorYears(hi) < maturityYears) {
                hi++;
            }
            double ta = spec.tenorYears(hi - 1);
            double tb = spec.tenorYears(hi);
            double u = (maturityYears - ta) / (tb - ta);
            w = (1 - u) * rowTotalVariance(hi - 1, logMoneyness) + u * rowTotalVariance(hi, logMoneyness);
        }
        return Math.sqrt(Math.max(w, 0.0) / maturityYears);
    }

    private double rowTotalVariance(int tenor, double k) {
        if (useSvi) {
            List<SviParams> svi = forecast.tenorSvi();
            return svi.get(tenor).totalVariance(k);
        }
        int n = spec.knotCount();
        int base = tenor * n;
        double[] ks = forecast.logMoneyness();
        double[] ws = forecast.totalVariance();
        if (k <= ks[base]) {
            return ws[base];
        }
        if (k >= ks[base + n - 1]) {
            return ws[base + n - 1];
        }
        int j = 1;
        while (ks[base + j] < k) {
            j++;
        }
        double ka = ks[base + j - 1];
        double kb = ks[base + j];
        double u = kb > ka ? (k - ka) / (kb - ka) : 0.0;
        return (1 - u) * ws[base + j - 1] + u * ws[base + j];
    }
}
