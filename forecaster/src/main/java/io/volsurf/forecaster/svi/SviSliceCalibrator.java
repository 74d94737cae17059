package io.volsurf.forecaster.svi;

import java.util.Optional;

/**
 * Calibrates a raw SVI slice to one expiry's quotes, free of butterfly arbitrage.
 *
 * <ol>
 *   <li>Zeliade's quasi-explicit method: for each {@code (m, sigma)} the best {@code (a, b, rho)} solves a
 *       small constrained linear least-squares problem exactly ({@link QuasiExplicitSvi}); Nelder–Mead
 *       searches {@code (m, ln sigma)} from the previous session's slice (warm start) and from shape-based
 *       starts. The constraints keep {@code |rho| < 1}, wing slopes {@code b(1 +- rho) <= 1.98} (Lee) and
 *       a non-negative minimum variance.</li>
 *   <li>Durrleman's {@code g(k) >= 0} is scanned ({@link DurrlemanCondition}). If violated, all five
 *       parameters are re-fitted from there with a quadratic penalty on negative g.</li>
 *   <li>If g is still negative somewhere, the wings are flattened ({@code b -> t b}, {@code a -> a + (1-t) b sigma},
 *       keeping {@code w(m)}) with the largest {@code t} in [0, 1] that is butterfly-free, found by bisection;
 *       {@code t = 0} is a flat smile with {@code g = 1}, so this always succeeds.</li>
 * </ol>
 * The returned slice is therefore always butterfly-free on the scan. Stateless and thread-safe.
 */
public final class SviSliceCalibrator {

    private static final double SIGMA_MIN = 1e-4;
    /** Bisection steps of the wing-slope repair: the cap is found to 2^-12 of its starting value. */
    private static final int REPAIR_BISECTIONS = 12;

    private final SviCalibrationSettings settings;
    private final DurrlemanCondition durrleman;

    public SviSliceCalibrator() {
        this(SviCalibrationSettings.defaults());
    }

    public SviSliceCalibrator(SviCalibrationSettings settings) {
        this.settings = settings;
        this.durrleman = new DurrlemanCondition(settings.durrlemanPoints());
    }

    public SviFit calibrate(SviSliceQuotes quotes) {
        return calibrate(quotes, Optional.empty());
    }

    /**
     * @param quotes    the slice's quotes
     * @param warmStart the same expiry's slice from the previous session, if any: its {@code (m, sigma)} is
     *                  the first starting point
     */
    public SviFit calibrate(SviSliceQuotes quotes, Optional<SviParams> warmStart) {
        double slopeCap = wingSlopeCap(quotes);
        QuasiExplicitSvi inner = new QuasiExplicitSvi(quotes, slopeCap);
        double kMin = Double.POSITIVE_INFINITY;
        double kMax = Double.NEGATIVE_INFINITY;
        int argMinW = 0;
        for (int i = 0; i < quotes.size(); i++) {
            kMin = Math.min(kMin, quotes.k(i));
            kMax = Math.max(kMax, quotes.k(i));
            if (quotes.w(i) < quotes.w(argMinW)) {
                argMinW = i;
            }
        }
        double span = kMax - kMin;
        Bounds bounds = new Bounds(kMin - span, kMax + span, Math.log(SIGMA_MIN), Math.log(Math.max(10 * span, 0.1)));
        int[] evaluations = {0};
        java.util.function.ToDoubleFunction<double[]> outer = p -> {
            evaluations[0]++;
            double mm = bounds.clampM(p[0]);
            double ls = bounds.clampLogSigma(p[1]);
            double outside = (p[0] - mm) * (p[0] - mm) / (span * span) + (p[1] - ls) * (p[1] - ls);
            double sse = inner.solve(mm, Math.exp(ls));
            return outside > 0 ? sse * (1 + outside) + outside * inner.sumWeightedSquares() : sse;
        };
        double tolerance = 1e-10;
        double absTolerance = 1e-16 * inner.sumWeightedSquares();
        double[][] starts = startingPoints(quotes.k(argMinW), span, warmStart, bounds);
        NelderMead.Result best = null;
        for (double[] start : starts) {
            NelderMead.Result r = NelderMead.minimise(outer, start, new double[] {0.1 * span, 0.5},
                    settings.evaluationsPerStart(), tolerance, absTolerance);
            if (best == null || r.value() < best.value()) {
                best = r;
            }
        }
        // Restart once from the best point: Nelder–Mead simplices can collapse in narrow valleys.
        NelderMead.Result polished = NelderMead.minimise(outer, best.point(), new double[] {0.02 * span, 0.1},
                settings.evaluationsPerStart(), tolerance, absTolerance);
        if (polished.value() <= best.value()) {
            best = polished;
        }
        double mBest = bounds.clampM(best.point()[0]);
        double sigmaBest = Math.exp(bounds.clampLogSigma(best.point()[1]));
        inner.solve(mBest, sigmaBest);
        SviParams params = fromInner(inner.best, mBest, sigmaBest);
        DurrlemanCondition.MinimumG minG = durrleman.minimum(params);
        SviFit.Repair repair = SviFit.Repair.NONE;
        if (!minG.butterflyFree()) {
            repair = SviFit.Repair.WING_SLOPE_REDUCED;
            params = reduceWingSlope(quotes, inner, mBest, sigmaBest, slopeCap, evaluations);
            minG = durrleman.minimum(params);
            if (!minG.butterflyFree()) {
                repair = SviFit.Repair.FLATTENED;
                params = flatten(params);
                minG = durrleman.minimum(params);
            }
        }
        return finish(quotes, params, minG, evaluations[0], repair);
    }

    /**
     * The wing-slope cap of this slice: {@code min(maxWingSlope, wingSlopePerAtmStdDev * sqrt(theta))} with
     * {@code theta} the quoted total variance at {@code k = 0}, linearly interpolated between the two nearest quotes
     * (the nearest quote's when k = 0 is outside the quotes).
     */
    double wingSlopeCap(SviSliceQuotes quotes) {
        int below = -1;
        int above = -1;
        for (int i = 0; i < quotes.size(); i++) {
            double k = quotes.k(i);
            if (k <= 0 && (below < 0 || k > quotes.k(below))) {
                below = i;
            }
            if (k >= 0 && (above < 0 || k < quotes.k(above))) {
                above = i;
            }
        }
        double theta;
        if (below < 0) {
            theta = quotes.w(above);
        } else if (above < 0 || quotes.k(above) == quotes.k(below)) {
            theta = quotes.w(below);
        } else {
            double x = -quotes.k(below) / (quotes.k(above) - quotes.k(below));
            theta = quotes.w(below) + x * (quotes.w(above) - quotes.w(below));
        }
        return Math.min(settings.maxWingSlope(), settings.wingSlopePerAtmStdDev() * Math.sqrt(theta));
    }

    /**
     * Bisection on the wing-slope cap at the fitted {@code (m, sigma)}: each step re-solves the inner problem
     * exactly, so this costs a few dozen inner solves and scans. Cap 0 is the flat smile (g = 1), so the lower
     * end is always butterfly-free; the returned slice is the one at the largest free cap found.
     */
    private SviParams reduceWingSlope(SviSliceQuotes quotes, QuasiExplicitSvi inner, double m, double sigma,
            double slopeCap, int[] evaluations) {
        double lo = 0;
        double hi = slopeCap;
        SviParams freeParams = null;
        for (int it = 0; it < REPAIR_BISECTIONS; it++) {
            double cap = 0.5 * (lo + hi);
            evaluations[0]++;
            if (!Double.isFinite(inner.solve(m, sigma, cap))) {
                hi = cap;
                continue;
            }
            SviParams candidate = fromInner(inner.best, m, sigma);
            if (durrleman.minimum(candidate).butterflyFree()) {
                lo = cap;
                freeParams = candidate;
            } else {
                hi = cap;
            }
        }
        return freeParams != null ? freeParams : flatLevel(quotes, m, sigma);
    }

    /** The flat smile at the weighted mean total variance: g = 1 everywhere. */
    private static SviParams flatLevel(SviSliceQuotes quotes, double m, double sigma) {
        double sumW = 0;
        double sumV = 0;
        for (int i = 0; i < quotes.size(); i++) {
            sumW += quotes.weight(i) * quotes.w(i);
            sumV += quotes.weight(i);
        }
        return new SviParams(sumW / sumV, 0, 0, m, sigma);
    }

    private record Bounds(double mLow, double mHigh, double logSigmaLow, double logSigmaHigh) {
        double clampM(double m) {
            return Math.max(mLow, Math.min(mHigh, m));
        }

        double clampLogSigma(double ls) {
            return Math.max(logSigmaLow, Math.min(logSigmaHigh, ls));
        }
    }

    private static double[][] startingPoints(double kAtMinVariance, double span, Optional<SviParams> warmStart,
            Bounds bounds) {
        double[][] shape = {
            {kAtMinVariance, Math.log(Math.max(0.05 * span, 2 * SIGMA_MIN))},
            {kAtMinVariance, Math.log(Math.max(0.3 * span, 2 * SIGMA_MIN))},
        };
        if (warmStart.isEmpty()) {
            return shape;
        }
        SviParams w = warmStart.get();
        return new double[][] {
            {bounds.clampM(w.m()), bounds.clampLogSigma(Math.log(w.sigma()))},
            shape[0],
        };
    }

    private static SviParams fromInner(double[] adc, double m, double sigma) {
        double a = adc[0];
        double d = adc[1];
        double c = adc[2];
        if (!(c > 1e-300)) {
            return new SviParams(a, 0, 0, m, sigma);
        }
        double rho = Math.max(-1 + 1e-9, Math.min(1 - 1e-9, d / c));
        return new SviParams(a, c / sigma, rho, m, sigma);
    }

    /** Largest wing scaling t in [0, 1] keeping g >= 0; t = 0 is the flat smile w = w(m), where g = 1. */
    private SviParams flatten(SviParams p) {
        double level = p.a() + p.b() * p.sigma();
        if (!(level > 0)) {
            level = Math.max(p.totalVariance(p.m()), 1e-8);
        }
        double lo = 0;
        double hi = 1;
        for (int it = 0; it < 50; it++) {
            double t = 0.5 * (lo + hi);
            if (durrleman.minimum(scaled(p, t, level)).butterflyFree()) {
                lo = t;
            } else {
                hi = t;
            }
        }
        return scaled(p, lo, level);
    }

    private static SviParams scaled(SviParams p, double t, double level) {
        double b = t * p.b();
        return new SviParams(level - b * p.sigma(), b, p.rho(), p.m(), p.sigma());
    }

    private static SviFit finish(SviSliceQuotes quotes, SviParams params, DurrlemanCondition.MinimumG minG,
            int evaluations, SviFit.Repair repair) {
        double t = quotes.maturityYears();
        double sumVol = 0;
        double sumW = 0;
        for (int i = 0; i < quotes.size(); i++) {
            double w = params.totalVariance(quotes.k(i));
            double ew = w - quotes.w(i);
            double ev = Math.sqrt(Math.max(w, 0) / t) - Math.sqrt(quotes.w(i) / t);
            sumW += ew * ew;
            sumVol += ev * ev;
        }
        int n = quotes.size();
        return new SviFit(params, t, 100 * Math.sqrt(sumVol / n), Math.sqrt(sumW / n), n, minG.butterflyFree(),
                minG.minG(), minG.atK(), evaluations, repair);
    }

}
