package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.grid.GridSpec;

/** Fills the cells no data supports, so that every forecaster returns a complete surface. */
final class GridFill {

    private GridFill() {
    }

    /** NaN or negative cells take their tenor row's mean, else the implied-vol level of the whole grid, else 20% vol. */
    static double[] fillGaps(GridSpec spec, double[] w) {
        int knots = spec.knotCount();
        double volSum = 0;
        int volN = 0;
        for (int c = 0; c < w.length; c++) {
            if (Double.isFinite(w[c]) && w[c] >= 0) {
                volSum += Math.sqrt(w[c] / spec.tenorYears(c / knots));
                volN++;
            }
        }
        double vol = volN > 0 ? volSum / volN : 0.2;
        double[] out = w.clone();
        for (int m = 0; m < spec.tenorCount(); m++) {
            double sum = 0;
            int n = 0;
            for (int j = 0; j < knots; j++) {
                double v = w[m * knots + j];
                if (Double.isFinite(v) && v >= 0) {
                    sum += v;
                    n++;
                }
            }
            double fill = n > 0 ? sum / n : vol * vol * spec.tenorYears(m);
            for (int j = 0; j < knots; j++) {
                int c = m * knots + j;
                if (!(Double.isFinite(out[c]) && out[c] >= 0)) {
                    out[c] = fill;
                }
            }
        }
        return out;
    }
}
