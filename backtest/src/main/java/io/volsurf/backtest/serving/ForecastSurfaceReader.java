package io.volsurf.backtest.serving;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a forecast surface at any maturity and log-moneyness for the surface and implied-vol endpoints: the vols by
 * {@link SurfaceForecast#totalVariance(double, double)} (the rule the backtest and {@code evaluate} read by too),
 * and the forwards that map strikes to {@code k = ln(K/F(T))}.
 *
 * <p>The forward {@code F(T)} is log-linear in maturity through the latest session's fitted forwards, anchored at
 * the spot at {@code T = 0} and extended with the last segment's carry beyond the last listed expiry. Immutable;
 * any thread may read it.
 */
public final class ForecastSurfaceReader {

    /** The policy this reader applies outside the model's tenors and knots, as the API reports it. */
    public static final String EXTRAPOLATION = "inside the model tenors total variance is linear in maturity at "
            + "fixed log-moneyness; before the first and beyond the last tenor the implied vol is held flat at "
            + "fixed log-moneyness (w = w_edge T / T_edge); beyond the grid knots the SVI wings (linear in k) are "
            + "used, or for a grid-only forecast the total variance of the outermost cell; forwards are "
            + "log-linear in maturity from the spot through the session's fitted forwards, extended with the "
            + "last carry";

    private final SurfaceForecast forecast;
    private final double[] forwardYears;
    private final double[] logForward;

    public ForecastSurfaceReader(SurfaceForecast forecast, CanonicalSurface latest) {
        this.forecast = forecast;
        List<double[]> nodes = new ArrayList<>();
        if (latest.spot() > 0 && Double.isFinite(latest.spot())) {
            nodes.add(new double[] {0, Math.log(latest.spot())});
        }
        for (SmileSlice s : latest.slices()) {
            double last = nodes.isEmpty() ? -1 : nodes.get(nodes.size() - 1)[0];
            // Two series on one expiry (XLF) or an unordered row: keep the first, maturities strictly increase.
            if (s.forward() > 0 && Double.isFinite(s.forward()) && s.maturityYears() > last) {
                nodes.add(new double[] {s.maturityYears(), Math.log(s.forward())});
            }
        }
        this.forwardYears = new double[nodes.size()];
        this.logForward = new double[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            forwardYears[i] = nodes.get(i)[0];
            logForward[i] = nodes.get(i)[1];
        }
    }

    /** "svi" when values come from the forecast's per-tenor SVI slices, "grid" when from its grid cells. */
    public String source() {
        return forecast.hasTenorSvi() ? "svi" : "grid";
    }

    public GridSpec spec() {
        return forecast.spec();
    }

    /** Whether a forward can be read (the session has a spot or a fitted expiry). */
    public boolean hasForward() {
        return forwardYears.length > 0;
    }

    /** The forward price for maturity {@code maturityYears} (> 0). */
    public double forward(double maturityYears) {
        int n = forwardYears.length;
        if (n == 0) {
            throw new IllegalStateException("the session has neither a spot nor a fitted forward");
        }
        if (n == 1) {
            return Math.exp(logForward[0]);
        }
        int i = 1;
        while (i < n - 1 && forwardYears[i] < maturityYears) {
            i++;
        }
        double t0 = forwardYears[i - 1];
        double t1 = forwardYears[i];
        double slope = (logForward[i] - logForward[i - 1]) / (t1 - t0);
        if (maturityYears < t0) {
            return Math.exp(logForward[0]);
        }
        return Math.exp(logForward[i - 1] + slope * (maturityYears - t0));
    }

    /** Forecast total variance {@code w = sigma^2 T} (years x vol^2) at maturity (years, > 0) and {@code k}. */
    public double totalVariance(double maturityYears, double logMoneyness) {
        return forecast.totalVariance(maturityYears, logMoneyness);
    }

    /** Implied volatility (decimal) at maturity (years, > 0) and log-moneyness. */
    public double impliedVol(double maturityYears, double logMoneyness) {
        return forecast.impliedVol(maturityYears, logMoneyness);
    }

    /** True when the point lies outside the model's tenors or outside the knots of the tenors around it. */
    public boolean extrapolated(double maturityYears, double logMoneyness) {
        return forecast.extrapolated(maturityYears, logMoneyness);
    }

    /** Log-moneyness of the model's knot {@code knot} at maturity {@code maturityYears} (ATM vol from this surface). */
    public double knotLogMoneyness(int knot, double maturityYears) {
        return forecast.spec().logMoneyness(knot, maturityYears, impliedVol(maturityYears, 0.0));
    }
}
