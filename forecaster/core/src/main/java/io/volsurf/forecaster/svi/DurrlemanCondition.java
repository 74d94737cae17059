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

    /**
     * The scan points of every slice with vertex {@code m} and width {@code sigma}, with the parts of g that do not
     * depend on {@code a, b, rho}: the wing-repair bisections scan many slices that differ only in those, and
     * reuse one {@code ScanPoints} (same values as {@link #minimum(SviParams)} computes, so the same result).
     */
    public static final class ScanPoints {
        final double m;
        final double sigma;
        final double[] k;
        final double[] x;
        final double[] root;
        final double[] xOverRoot;
        final double[] rootCubed;

        private ScanPoints(double m, double sigma, int points) {
            this.m = m;
            this.sigma = sigma;
            k = new double[points];
            x = new double[points];
            root = new double[points];
            xOverRoot = new double[points];
            rootCubed = new double[points];
            double uMax = asinh(range(m, sigma) / sigma);
            double du = 2 * uMax / (points - 1);
            for (int i = 0; i < points; i++) {
                double ki = m + sigma * Math.sinh(-uMax + i * du);
                double xi = ki - m;
                double r = Math.sqrt(xi * xi + sigma * sigma);
                k[i] = ki;
                x[i] = xi;
                root[i] = r;
                xOverRoot[i] = xi / r;
                rootCubed[i] = r * r * r;
            }
        }
    }

    /** The scan points of slices with this vertex and width, for {@link #minimum(SviParams, ScanPoints)}. */
    public ScanPoints scanPoints(double m, double sigma) {
        return new ScanPoints(m, sigma, points);
    }

    public MinimumG minimum(SviParams p) {
        return minimum(p, null);
    }

    /**
     * As {@link #minimum(SviParams)}, with the grid of {@code scan} (null: computed here).
     *
     * @throws IllegalArgumentException when {@code scan} was made for another {@code (m, sigma)} or point count
     */
    public MinimumG minimum(SviParams p, ScanPoints scan) {
        double range = range(p.m(), p.sigma());
        double uMax = asinh(range / p.sigma());
        double du = 2 * uMax / (points - 1);
        double best = Double.POSITIVE_INFINITY;
        int bestIndex = 0;
        if (scan == null) {
            for (int i = 0; i < points; i++) {
                double g = p.durrlemanG(p.m() + p.sigma() * Math.sinh(-uMax + i * du));
                if (g < best) {
                    best = g;
                    bestIndex = i;
                }
            }
        } else {
            if (scan.m != p.m() || scan.sigma != p.sigma() || scan.k.length != points) {
                throw new IllegalArgumentException("scan points of (m, sigma) = (" + scan.m + ", " + scan.sigma
                        + "), " + scan.k.length + " points, used for (" + p.m() + ", " + p.sigma() + "), " + points);
            }
            double a = p.a();
            double b = p.b();
            double rho = p.rho();
            double sigma = p.sigma();
            for (int i = 0; i < points; i++) {
                // SviParams.durrlemanG with the (m, sigma)-only parts from the scan (same operations).
                double w = a + b * (rho * scan.x[i] + scan.root[i]);
                double g;
                if (!(w > 0)) {
                    g = Double.NEGATIVE_INFINITY;
                } else {
                    double w1 = b * (rho + scan.xOverRoot[i]);
                    double w2 = b * sigma * sigma / scan.rootCubed[i];
                    double u = 1 - scan.k[i] * w1 / (2 * w);
                    g = u * u - 0.25 * w1 * w1 * (1 / w + 0.25) + 0.5 * w2;
                }
                if (g < best) {
                    best = g;
                    bestIndex = i;
                }
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

    private static double range(double m, double sigma) {
        return Math.max(4.0, 50 * sigma) + Math.abs(m);
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
