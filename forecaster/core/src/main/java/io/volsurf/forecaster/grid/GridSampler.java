package io.volsurf.forecaster.grid;

import java.util.List;

/**
 * Samples listed-expiry SVI slices onto a {@link GridSpec}: at a tenor {@code T} between two listed maturities
 * {@code T1 <= T <= T2}, total variance at fixed {@code k = ln(K/F)} is linear in maturity,
 * {@code w(k, T) = (1-u) w1(k) + u w2(k)} with {@code u = (T - T1)/(T2 - T1)} (which keeps calendar
 * monotonicity of the slices). A cell is supported (mask true) only when {@code T} lies within the listed
 * maturities and {@code k} within the quoted range of both bracketing slices: no extrapolation; unsupported
 * cells hold NaN values. Their log-moneyness is still given (with the nearest slice's ATM vol for
 * {@link MoneynessScaling#ATM_STD}) so that every cell has a coordinate. Stateless.
 */
public final class GridSampler {

    /** The sampled arrays, flattened {@code [tenor][knot]}. */
    public record GridValues(double[] logMoneyness, double[] totalVariance, double[] impliedVol, boolean[] mask,
            double[] halfSpreadVol) {
    }

    /**
     * @param spec    the grid
     * @param slices  the listed slices by strictly increasing maturity (may be empty: everything masked)
     * @param spreads each slice's half-spread curve, same order
     */
    public GridValues sample(GridSpec spec, List<SmileSlice> slices, List<HalfSpreadCurve> spreads) {
        if (slices.size() != spreads.size()) {
            throw new IllegalArgumentException("one half-spread curve per slice required: " + slices.size()
                    + " slices, " + spreads.size() + " curves");
        }
        for (int i = 1; i < slices.size(); i++) {
            if (!(slices.get(i).maturityYears() > slices.get(i - 1).maturityYears())) {
                throw new IllegalArgumentException("slices must have strictly increasing maturities at index " + i);
            }
        }
        int n = spec.cellCount();
        int knots = spec.knotCount();
        double[] k = new double[n];
        double[] w = new double[n];
        double[] iv = new double[n];
        boolean[] mask = new boolean[n];
        double[] hs = new double[n];
        java.util.Arrays.fill(w, Double.NaN);
        java.util.Arrays.fill(iv, Double.NaN);
        java.util.Arrays.fill(hs, Double.NaN);
        java.util.Arrays.fill(k, Double.NaN);
        for (int m = 0; m < spec.tenorCount(); m++) {
            double t = spec.tenorYears(m);
            int hi = bracketAbove(slices, t);
            boolean inside = !slices.isEmpty() && hi < slices.size()
                    && t >= slices.get(0).maturityYears();
            int lo = inside && slices.get(hi).maturityYears() == t ? hi : hi - 1;
            double u = 0;
            if (inside && lo != hi) {
                double t1 = slices.get(lo).maturityYears();
                u = (t - t1) / (slices.get(hi).maturityYears() - t1);
            }
            double atmVol = Double.NaN;
            if (inside) {
                atmVol = Math.sqrt(Math.max(blend(slices, lo, hi, u, 0.0), 0.0) / t);
            } else if (!slices.isEmpty()) {
                SmileSlice near = hi >= slices.size() ? slices.get(slices.size() - 1) : slices.get(0);
                atmVol = near.svi().impliedVol(0.0, near.maturityYears());
            }
            for (int j = 0; j < knots; j++) {
                int c = m * knots + j;
                k[c] = spec.logMoneyness(j, t, atmVol);
                if (!inside || !Double.isFinite(k[c])) {
                    continue;
                }
                SmileSlice a = slices.get(lo);
                SmileSlice b = slices.get(hi);
                double kMin = Math.max(a.minK(), b.minK());
                double kMax = Math.min(a.maxK(), b.maxK());
                double value = blend(slices, lo, hi, u, k[c]);
                if (k[c] < kMin || k[c] > kMax || !(value > 0)) {
                    continue;
                }
                mask[c] = true;
                w[c] = value;
                iv[c] = Math.sqrt(value / t);
                double s1 = spreads.get(lo).at(k[c]);
                double s2 = spreads.get(hi).at(k[c]);
                hs[c] = lo == hi ? s1 : (1 - u) * s1 + u * s2;
            }
        }
        return new GridValues(k, w, iv, mask, hs);
    }

    /** Index of the first slice with maturity >= t (slices.size() when none). */
    private static int bracketAbove(List<SmileSlice> slices, double t) {
        for (int i = 0; i < slices.size(); i++) {
            if (slices.get(i).maturityYears() >= t) {
                return i;
            }
        }
        return slices.size();
    }

    private static double blend(List<SmileSlice> slices, int lo, int hi, double u, double k) {
        double w2 = slices.get(hi).svi().totalVariance(k);
        return lo == hi ? w2 : (1 - u) * slices.get(lo).svi().totalVariance(k) + u * w2;
    }
}
