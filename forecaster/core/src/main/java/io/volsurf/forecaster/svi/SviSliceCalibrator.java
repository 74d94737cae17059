package io.volsurf.forecaster.svi;

import java.util.Optional;

/**
 * Calibrates a raw SVI slice to one expiry's quotes, free of butterfly arbitrage.
 *
 * <ol>
 *   <li>Zeliade's quasi-explicit method: for each {@code (m, sigma)} the best {@code (a, b, rho)} solves a
 *       small constrained linear least-squares problem exactly ({@link QuasiExplicitSvi}); Nelder–Mead
 *       searches {@code (m, ln sigma)} from the previous session's slice (warm start) and from shape-based
 *       starts. The constraints keep {@code |rho| < 1}, a non-negative minimum variance and wing slopes
 *       {@code b(1 +- rho) <= min(1.98, 2 sqrt(theta))}, {@code theta} the ATM total variance
 *       ({@link SviCalibrationSettings#wingSlopePerAtmStdDev()}): Lee's 2 alone lets short-dated fits turn
 *       g negative just outside the quotes.</li>
 *   <li>Durrleman's {@code g(k) >= 0} is scanned ({@link DurrlemanCondition}). If violated, the outer search is
 *       re-run with both wing asymptotes non-negative at {@code k = 0} (two more linear rows of the inner
 *       problem, which make the first term of g at least 1/4), and that floor is then loosened by bisection as
 *       far as g allows ({@link SviFit.Repair#ASYMPTOTE_REFIT}).</li>
 *   <li>If g is still negative, the offending wing's slope cap is bisected and the search re-run
 *       ({@link SviFit.Repair#WING_SLOPE_REDUCED}); as a last resort the wings are flattened
 *       ({@link SviFit.Repair#FLATTENED}), which always succeeds ({@code t = 0} is a flat smile, g = 1).</li>
 * </ol>
 * The returned slice is butterfly-free on the whole real line as {@link DurrlemanCondition} scans it, the same
 * check as {@code ButterflyCheck} and the {@code arbitrage-check} command use. Stateless and thread-safe.
 */
public final class SviSliceCalibrator {

    private static final double SIGMA_MIN = 1e-4;
    /** Bisection steps of the wing-slope repair: the cap is found to 2^-12 of its starting value. */
    private static final int REPAIR_BISECTIONS = 12;
    /** At most this many wing-cap reductions (one per wing, and one more). */
    private static final int REPAIR_ROUNDS = 3;
    /** Nelder–Mead budget of the re-search after a wing cap is lowered. */
    private static final int REPAIR_EVALUATIONS = 60;

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
        int[] evaluations = {0};
        double slopeCap = wingSlopeCap(quotes);
        double[] caps = {slopeCap, slopeCap};
        QuasiExplicitSvi inner = new QuasiExplicitSvi(quotes, slopeCap);
        Box box = Box.of(quotes);
        Candidate fit = search(inner, box, caps, Double.NaN, startingPoints(box, warmStart), settings.evaluationsPerStart(),
                evaluations);
        DurrlemanCondition.MinimumG minG = durrleman.minimum(fit.params());
        SviFit.Repair repair = SviFit.Repair.NONE;
        if (!minG.butterflyFree()) {
            repair = SviFit.Repair.ASYMPTOTE_REFIT;
            double[][] starts = {{fit.m(), Math.log(fit.sigma())}, {box.kAtMinVariance(), Math.log(0.1 * box.span())}};
            double unrepairedFloor = -Math.min(asymptoteAtZero(fit.params(), -1), asymptoteAtZero(fit.params(), 1));
            fit = search(inner, box, caps, 0.0, starts, REPAIR_EVALUATIONS, evaluations);
            minG = durrleman.minimum(fit.params());
            if (minG.butterflyFree()) {
                fit = relaxAsymptoteFloor(inner, fit, caps, Math.max(unrepairedFloor, atmTotalVariance(quotes)),
                        evaluations);
                minG = durrleman.minimum(fit.params());
            }
        }
        if (!minG.butterflyFree()) {
            repair = SviFit.Repair.WING_SLOPE_REDUCED;
            fit = reduceWingSlopes(quotes, inner, box, fit, minG, caps, evaluations);
            minG = durrleman.minimum(fit.params());
        }
        SviParams params = fit.params();
        if (!minG.butterflyFree()) {
            repair = SviFit.Repair.FLATTENED;
            params = flatten(params);
            minG = durrleman.minimum(params);
        }
        return finish(quotes, params, minG, evaluations[0], repair);
    }

    /** The best slice found under the wing-slope caps, with its outer coordinates and weighted SSE. */
    record Candidate(double m, double sigma, SviParams params, double weightedSse) {
    }

    /** The quotes' log-moneyness range, the quote of least variance, and the outer search box. */
    record Box(double kMin, double kMax, double kAtMinVariance, double mLow, double mHigh, double logSigmaLow,
            double logSigmaHigh) {

        static Box of(SviSliceQuotes quotes) {
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
            return new Box(kMin, kMax, quotes.k(argMinW), kMin - span, kMax + span, Math.log(SIGMA_MIN),
                    Math.log(Math.max(10 * span, 0.1)));
        }

        double span() {
            return kMax - kMin;
        }

        double clampM(double m) {
            return Math.max(mLow, Math.min(mHigh, m));
        }

        double clampLogSigma(double ls) {
            return Math.max(logSigmaLow, Math.min(logSigmaHigh, ls));
        }
    }

    /**
     * The outer Nelder–Mead search over {@code (m, ln sigma)} from each start, then once more from the best point,
     * with the inner problem solved exactly under the wing-slope caps {@code caps = (left, right)}; no butterfly
     * check. Points outside the box are clamped and penalised.
     */
    Candidate search(QuasiExplicitSvi inner, Box box, double[] caps, double asymptoteFloor, double[][] starts,
            int evaluationsPerStart, int[] evaluations) {
        double span = box.span();
        java.util.function.ToDoubleFunction<double[]> outer = p -> {
            evaluations[0]++;
            double mm = box.clampM(p[0]);
            double ls = box.clampLogSigma(p[1]);
            double outside = (p[0] - mm) * (p[0] - mm) / (span * span) + (p[1] - ls) * (p[1] - ls);
            double sse = inner.solve(mm, Math.exp(ls), caps[0], caps[1], asymptoteFloor);
            return outside > 0 ? sse * (1 + outside) + outside * inner.sumWeightedSquares() : sse;
        };
        double tolerance = 1e-10;
        double absTolerance = 1e-16 * inner.sumWeightedSquares();
        NelderMead.Result best = null;
        for (double[] start : starts) {
            NelderMead.Result r = NelderMead.minimise(outer, start, new double[] {0.1 * span, 0.5},
                    evaluationsPerStart, tolerance, absTolerance);
            if (best == null || r.value() < best.value()) {
                best = r;
            }
        }
        // Restart once from the best point: Nelder–Mead simplices can collapse in narrow valleys.
        NelderMead.Result polished = NelderMead.minimise(outer, best.point(), new double[] {0.02 * span, 0.1},
                evaluationsPerStart, tolerance, absTolerance);
        if (polished.value() <= best.value()) {
            best = polished;
        }
        double mBest = box.clampM(best.point()[0]);
        double sigmaBest = Math.exp(box.clampLogSigma(best.point()[1]));
        return solveAt(inner, mBest, sigmaBest, caps, asymptoteFloor);
    }

    private static Candidate solveAt(QuasiExplicitSvi inner, double m, double sigma, double[] caps,
            double asymptoteFloor) {
        double sse = inner.solve(m, sigma, caps[0], caps[1], asymptoteFloor);
        return new Candidate(m, sigma, fromInner(inner.best, m, sigma), sse);
    }

    /**
     * Repairs butterfly arbitrage by lowering wing-slope caps. First the cap of the wing where g is most negative:
     * bisection on it at the fitted {@code (m, sigma)}, each step one exact inner solve and one scan; if no cap of
     * that wing alone removes the arbitrage, both caps are lowered together (both at 0 is the flat smile, g = 1, so
     * this always ends free). The outer search is then re-run under the lowered caps and kept when it is
     * butterfly-free and fits better; when it is not free the step repeats from it, at most
     * {@link #REPAIR_ROUNDS} times. Returns the best free slice found.
     */
    private Candidate reduceWingSlopes(SviSliceQuotes quotes, QuasiExplicitSvi inner, Box box, Candidate fit,
            DurrlemanCondition.MinimumG minG, double[] caps, int[] evaluations) {
        Candidate current = fit;
        DurrlemanCondition.MinimumG currentG = minG;
        Candidate bestFree = null;
        for (int round = 0; round < REPAIR_ROUNDS; round++) {
            boolean left = currentG.atK() < current.m();
            Candidate reduced = bisectWingCaps(inner, current, caps, left, !left, evaluations);
            if (reduced == null) {
                reduced = bisectWingCaps(inner, current, caps, true, true, evaluations);
            }
            if (reduced == null) {
                // Not even tiny slopes help at this (m, sigma): the flat smile at the weighted mean level.
                caps[0] = 0;
                caps[1] = 0;
                reduced = solveAt(inner, current.m(), current.sigma(), caps, 0.0);
            }
            if (bestFree == null || reduced.weightedSse() < bestFree.weightedSse()) {
                bestFree = reduced;
            }
            if (caps[0] == 0 || caps[1] == 0) {
                break;
            }
            double[][] start = {{reduced.m(), Math.log(reduced.sigma())}};
            Candidate refit = search(inner, box, caps, 0.0, start, REPAIR_EVALUATIONS, evaluations);
            currentG = durrleman.minimum(refit.params());
            current = refit;
            if (currentG.butterflyFree()) {
                if (refit.weightedSse() < bestFree.weightedSse()) {
                    bestFree = refit;
                }
                break;
            }
        }
        return bestFree;
    }

    /**
     * Bisection on a common factor {@code t} in [0, 1] of the chosen wings' caps, starting from the fitted slopes,
     * at fixed {@code (m, sigma)}: leaves the caps of the largest butterfly-free {@code t} found in {@code caps} and
     * returns its slice; null (caps unchanged) when no tried {@code t > 0} was free.
     */
    private Candidate bisectWingCaps(QuasiExplicitSvi inner, Candidate fit, double[] caps, boolean left,
            boolean right, int[] evaluations) {
        SviParams p = fit.params();
        double[] top = {left ? Math.min(caps[0], p.b() * (1 - p.rho())) : caps[0],
            right ? Math.min(caps[1], p.b() * (1 + p.rho())) : caps[1]};
        double lo = 0;
        double hi = 1;
        double[] trial = caps.clone();
        Candidate free = null;
        DurrlemanCondition.ScanPoints scan = durrleman.scanPoints(fit.m(), fit.sigma());
        for (int it = 0; it < REPAIR_BISECTIONS; it++) {
            double t = 0.5 * (lo + hi);
            trial[0] = left ? t * top[0] : caps[0];
            trial[1] = right ? t * top[1] : caps[1];
            evaluations[0]++;
            Candidate c = solveAt(inner, fit.m(), fit.sigma(), trial, 0.0);
            if (Double.isFinite(c.weightedSse()) && durrleman.minimum(c.params(), scan).butterflyFree()) {
                lo = t;
                free = c;
            } else {
                hi = t;
            }
        }
        if (free != null) {
            caps[0] = left ? lo * top[0] : caps[0];
            caps[1] = right ? lo * top[1] : caps[1];
        }
        return free;
    }

    /** The value at {@code k = 0} of the left ({@code side = -1}) or right ({@code +1}) wing asymptote. */
    private static double asymptoteAtZero(SviParams p, int side) {
        return p.a() - side * p.b() * (1 + side * p.rho()) * p.m();
    }

    /**
     * Floor 0 on the asymptotes is sufficient but stricter than needed: at the refitted {@code (m, sigma)} the floor
     * is lowered to the most negative value in {@code [-deepest, 0]} that stays butterfly-free, by bisection (one
     * inner solve and one scan a step); {@code deepest} is the larger of the unrepaired fit's most negative asymptote
     * and the ATM total variance. The fit error can only fall as the floor is lowered.
     */
    private Candidate relaxAsymptoteFloor(QuasiExplicitSvi inner, Candidate fit, double[] caps, double deepest,
            int[] evaluations) {
        double lo = 0;
        double hi = deepest;
        Candidate free = fit;
        // Every step keeps (m, sigma): one scan grid serves all.
        DurrlemanCondition.ScanPoints scan = durrleman.scanPoints(fit.m(), fit.sigma());
        for (int it = 0; it < REPAIR_BISECTIONS; it++) {
            double floor = 0.5 * (lo + hi);
            evaluations[0]++;
            Candidate c = solveAt(inner, fit.m(), fit.sigma(), caps, floor);
            if (Double.isFinite(c.weightedSse()) && durrleman.minimum(c.params(), scan).butterflyFree()) {
                lo = floor;
                free = c;
            } else {
                hi = floor;
            }
        }
        return free;
    }

    /**
     * The wing-slope cap of this slice: {@code min(maxWingSlope, wingSlopePerAtmStdDev * sqrt(theta))} with
     * {@code theta} the quoted total variance at {@code k = 0}, linearly interpolated between the two nearest quotes
     * (the nearest quote's when k = 0 is outside the quotes).
     */
    double wingSlopeCap(SviSliceQuotes quotes) {
        return Math.min(settings.maxWingSlope(), settings.wingSlopePerAtmStdDev() * Math.sqrt(atmTotalVariance(quotes)));
    }

    /** The quoted total variance at {@code k = 0}: see {@link #wingSlopeCap}. */
    static double atmTotalVariance(SviSliceQuotes quotes) {
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
        return theta;
    }

    private static double[][] startingPoints(Box box, Optional<SviParams> warmStart) {
        double kAtMinVariance = box.kAtMinVariance();
        double span = box.span();
        double[][] shape = {
            {kAtMinVariance, Math.log(Math.max(0.05 * span, 2 * SIGMA_MIN))},
            {kAtMinVariance, Math.log(Math.max(0.3 * span, 2 * SIGMA_MIN))},
        };
        if (warmStart.isEmpty()) {
            return shape;
        }
        SviParams w = warmStart.get();
        return new double[][] {
            {box.clampM(w.m()), box.clampLogSigma(Math.log(w.sigma()))},
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
        DurrlemanCondition.ScanPoints scan = durrleman.scanPoints(p.m(), p.sigma());
        for (int it = 0; it < 50; it++) {
            double t = 0.5 * (lo + hi);
            if (durrleman.minimum(scaled(p, t, level), scan).butterflyFree()) {
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
