package io.volsurf.backtest.serving;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.svi.SviParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a forecast surface at any maturity and log-moneyness, the one rule behind both the surface and the
 * implied-vol endpoints (so they agree at every point).
 *
 * <p>At a model tenor the total variance {@code w(k)} is that tenor's forecast SVI slice ({@code source = svi}),
 * or, for a forecaster without slices, the grid cells linearly interpolated in {@code k} and held flat beyond the
 * outer cells ({@code source = grid}). Between tenors {@code w} is linear in maturity at fixed {@code k} (the
 * standard calendar-arbitrage-preserving rule). Before the first and after the last tenor the implied vol is held
 * flat at fixed {@code k}: {@code w(T, k) = w(T_edge, k) T / T_edge}. Beyond the knots the SVI wings are used
 * (linear in {@code k}, Lee-bounded).
 *
 * <p>Strikes map to {@code k = ln(K/F(T))}, with the forward {@code F(T)} log-linear in maturity through the
 * latest session's fitted forwards, anchored at the spot at {@code T = 0} and extended with the last segment's
 * carry beyond the last listed expiry. Immutable; any thread may read it.
 */
public final class ForecastSurfaceReader {

    /** The policy this reader applies outside the model's tenors and knots, as the API reports it. */
    public static final String EXTRAPOLATION = "inside the model tenors total variance is linear in maturity at "
            + "fixed log-moneyness; before the first and beyond the last tenor the implied vol is held flat at "
            + "fixed log-moneyness (w = w_edge T / T_edge); beyond the grid knots the SVI wings (linear in k) are "
            + "used, or for a grid-only forecast the total variance of the outermost cell; forwards are "
            + "log-linear in maturity from the spot through the session's fitted forwards, extended with the "
            + "last carry";

    private final GridSpec spec;
    private final double[] tenorYears;
    private final double[] cellK;
    private final double[] cellW;
    private final List<SviParams> svi;
    private final double[] forwardYears;
    private final double[] logForward;

    public ForecastSurfaceReader(SurfaceForecast forecast, CanonicalSurface latest) {
        this.spec = forecast.spec();
        this.tenorYears = new double[spec.tenorCount()];
        for (int m = 0; m < tenorYears.length; m++) {
            tenorYears[m] = spec.tenorYears(m);
        }
        this.cellK = forecast.logMoneyness().clone();
        this.cellW = forecast.totalVariance().clone();
        this.svi = forecast.tenorSvi().size() == spec.tenorCount() ? forecast.tenorSvi() : List.of();
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
        return svi.isEmpty() ? "grid" : "svi";
    }

    public GridSpec spec() {
        return spec;
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
        int last = tenorYears.length - 1;
        if (maturityYears <= tenorYears[0]) {
            return tenorW(0, logMoneyness) * maturityYears / tenorYears[0];
        }
        if (maturityYears >= tenorYears[last]) {
            return tenorW(last, logMoneyness) * maturityYears / tenorYears[last];
        }
        int m = 1;
        while (tenorYears[m] < maturityYears) {
            m++;
        }
        double x = (maturityYears - tenorYears[m - 1]) / (tenorYears[m] - tenorYears[m - 1]);
        return (1 - x) * tenorW(m - 1, logMoneyness) + x * tenorW(m, logMoneyness);
    }

    /** Implied volatility (decimal) at maturity (years, > 0) and log-moneyness. */
    public double impliedVol(double maturityYears, double logMoneyness) {
        return Math.sqrt(totalVariance(maturityYears, logMoneyness) / maturityYears);
    }

    /** True when the point lies outside the model's tenors or outside the knots of the tenors around it. */
    public boolean extrapolated(double maturityYears, double logMoneyness) {
        int last = tenorYears.length - 1;
        if (maturityYears < tenorYears[0] - 1e-12 || maturityYears > tenorYears[last] + 1e-12) {
            return true;
        }
        // m: the last tenor at or before the maturity; on a tenor only its own knots count.
        int m = 0;
        while (m < last && tenorYears[m + 1] <= maturityYears + 1e-12) {
            m++;
        }
        boolean onTenor = Math.abs(tenorYears[m] - maturityYears) <= 1e-12;
        return outsideKnots(m, logMoneyness) || (!onTenor && outsideKnots(m + 1, logMoneyness));
    }

    /** Log-moneyness of the model's knot {@code knot} at maturity {@code maturityYears} (ATM vol from this surface). */
    public double knotLogMoneyness(int knot, double maturityYears) {
        return spec.logMoneyness(knot, maturityYears, impliedVol(maturityYears, 0.0));
    }

    private boolean outsideKnots(int tenor, double k) {
        int kn = spec.knotCount();
        return k < cellK[tenor * kn] - 1e-12 || k > cellK[tenor * kn + kn - 1] + 1e-12;
    }

    private double tenorW(int tenor, double k) {
        double w;
        if (!svi.isEmpty()) {
            w = svi.get(tenor).totalVariance(k);
        } else {
            int kn = spec.knotCount();
            int base = tenor * kn;
            if (k <= cellK[base]) {
                w = cellW[base];
            } else if (k >= cellK[base + kn - 1]) {
                w = cellW[base + kn - 1];
            } else {
                int j = base + 1;
                while (cellK[j] < k) {
                    j++;
                }
                double x = (k - cellK[j - 1]) / (cellK[j] - cellK[j - 1]);
                w = (1 - x) * cellW[j - 1] + x * cellW[j];
            }
        }
        // A projected SVI slice is positive; the clamp only guards a grid-only forecast's zero cells.
        return Math.max(w, 0.0);
    }
}
