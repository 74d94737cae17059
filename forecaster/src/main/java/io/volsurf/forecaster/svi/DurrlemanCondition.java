package io.volsurf.forecaster.svi;

/**
 * Butterfly-arbitrage scan of an SVI slice: the minimum of Durrleman's {@code g(k)} over a wide range of
 * log-moneyness. The scan grid {@code k = m + sigma sinh(u)}, {@code u} uniform, is dense at the vertex
 * (where g varies on the scale {@code sigma}, which is tiny for short-dated smiles) and sparse in the wings;
 * it covers {@code |k - m| <= max(4, 50 sigma) + |m|}. The grid minimum is then refined by golden-section
 * search between its neighbours. Beyond the range, {@code g -> 1/4 - slope^2/16 > 0} once the wing slopes
 * {@code b(1 +- rho)} are below 2 (checked separately by {@link SviParams#maxWingSlope()}).
 */
public final class DurrlemanCondition {

    /** Default number of scan points. */
    public static final int DEFAULT_POINTS = 601;
    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;

    private final int points;

    public DurrlemanCondition() {
        this(DEFAULT_POINTS);
    }

    public DurrlemanCondition(int points) {
        if (points < 11) {
            throw new IllegalArgumentException("points must be >= 11, got " + points);
        }
        this.points = points;
    }

    /**
     * The minimum of g and where it is reached.
     *
     * @param minG the smallest {@code g(k)} found (negative means butterfly arbitrage)
     * @param atK  the log-moneyness {@code k = ln(K/F)} where it is reached
     */
    public record MinimumG(double minG, double atK) {
        public boolean butterflyFree() {
            return minG >= 0;
        }
    }

    public MinimumG minimum(SviParams p) {
        double range = Math.max(4.0, 50 * p.sigma()) + Math.abs(p.m());
        double uMax = asinh(range / p.sigma());
        double du = 2 * uMax / (points - 1);
        double best = Double.POSITIVE_INFINITY;
        int bestIndex = 0;
        for (int i = 0; i < points; i++) {
            double g = p.durrlemanG(p.m() + p.sigma() * Math.sinh(-uMax + i * du));
            if (g < best) {
                best = g;
                bestIndex = i;
            }
        }
        // Far out in both wings g tends to 1/4 - slope^2/16: negative there exactly when a slope exceeds 2.
        double far = 1e6 + Math.abs(p.m());
        for (double k : new double[] {-far, far}) {
            double g = p.durrlemanG(k);
            if (g < best) {
                return new MinimumG(g, k);
            }
        }
        double lo = -uMax + Math.max(bestIndex - 1, 0) * du;
        double hi = -uMax + Math.min(bestIndex + 1, points - 1) * du;
        double bestU = -uMax + bestIndex * du;
        if (Double.isFinite(best)) {
            // Golden-section refinement: g is smooth, the grid minimum brackets the true one.
            double c = hi - INV_PHI * (hi - lo);
            double d = lo + INV_PHI * (hi - lo);
            double gc = gAt(p, c);
            double gd = gAt(p, d);
            for (int it = 0; it < 40; it++) {
                if (gc < gd) {
                    hi = d;
                    d = c;
                    gd = gc;
                    c = hi - INV_PHI * (hi - lo);
                    gc = gAt(p, c);
                } else {
                    lo = c;
                    c = d;
                    gc = gd;
                    d = lo + INV_PHI * (hi - lo);
                    gd = gAt(p, d);
                }
            }
            double u = gc < gd ? c : d;
            double g = Math.min(gc, gd);
            if (g < best) {
                best = g;
                bestU = u;
            }
        }
        return new MinimumG(best, p.m() + p.sigma() * Math.sinh(bestU));
    }

    private static double gAt(SviParams p, double u) {
        return p.durrlemanG(p.m() + p.sigma() * Math.sinh(u));
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
