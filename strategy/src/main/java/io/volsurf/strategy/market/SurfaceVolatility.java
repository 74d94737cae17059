package io.volsurf.strategy.market;

import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.greeks.VolatilitySource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The market IV of one session at any (T, K), read from its listed-expiry SVI slices: {@code k = ln(K/F(T))}
 * with {@code ln F} linear in T between slices; total variance linear in T between the bracketing slices at
 * fixed k; flat vol in T outside the listed maturities. Only valid for the session the slices were fitted on
 * (maturities count from its snapshot).
 */
public final class SurfaceVolatility implements VolatilitySource {
    private final List<SmileSlice> slices;

    /** @param slices at least one slice; sorted here by maturity */
    public SurfaceVolatility(List<SmileSlice> slices) {
        if (slices == null || slices.isEmpty()) {
            throw new IllegalArgumentException("slices must not be empty");
        }
        List<SmileSlice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingDouble(SmileSlice::maturityYears));
        this.slices = List.copyOf(sorted);
    }

    @Override
    public double volatility(double maturityYears, double strike) {
        if (!(maturityYears > 0) || !(strike > 0)) {
            throw new IllegalArgumentException("maturityYears and strike must be > 0, got " + maturityYears + ", "
                    + strike);
        }
        SmileSlice first = slices.get(0);
        SmileSlice last = slices.get(slices.size() - 1);
        if (maturityYears <= first.maturityYears()) {
            return first.svi().impliedVol(Math.log(strike / first.forward()), first.maturityYears());
        }
        if (maturityYears >= last.maturityYears()) {
            return last.svi().impliedVol(Math.log(strike / last.forward()), last.maturityYears());
        }
        int hi = 1;
        while (slices.get(hi).maturityYears() < maturityYears) {
            hi++;
        }
        SmileSlice a = slices.get(hi - 1);
        SmileSlice b = slices.get(hi);
        double u = (maturityYears - a.maturityYears()) / (b.maturityYears() - a.maturityYears());
        double forward = Math.exp((1 - u) * Math.log(a.forward()) + u * Math.log(b.forward()));
        double k = Math.log(strike / forward);
        double w = (1 - u) * a.svi().totalVariance(k) + u * b.svi().totalVariance(k);
        return Math.sqrt(Math.max(w, 0.0) / maturityYears);
    }
}
