package io.volsurf.greeks.quantlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure-Java closed form and QuantLib's AnalyticEuropeanEngine agree to 1e-10 relative. */
class PathAgreementTest {
    private static final double REL = 1e-10;

    @Test
    void europeanPathsAgreeOnAWideGrid() {
        double[] maturitiesDays = {1, 7, 30, 91, 365, 730, 1825};
        double[] vols = {0.05, 0.2, 0.6, 1.5};
        double[] moneyness = {0.5, 0.8, 0.95, 1.0, 1.05, 1.25, 2.0};   // strike / spot
        double[][] rateDiv = {{0, 0}, {0.05, 0}, {0.05, 0.03}, {0, 0.04}, {0.10, 0.10}};
        List<double[]> rows = new ArrayList<>();
        for (double days : maturitiesDays) {
            for (double v : vols) {
                for (double m : moneyness) {
                    for (double[] rq : rateDiv) {
                        for (int call = 0; call < 2; call++) {
                            rows.add(new double[]{100.0, 100.0 * m, days / 365.0, rq[0], rq[1], v, call});
                        }
                    }
                }
            }
        }
        int n = rows.size();
        double[] s = new double[n], k = new double[n], t = new double[n], r = new double[n], q = new double[n],
                v = new double[n];
        boolean[] c = new boolean[n], a = new boolean[n];
        for (int i = 0; i < n; i++) {
            double[] x = rows.get(i);
            s[i] = x[0]; k[i] = x[1]; t[i] = x[2]; r[i] = x[3]; q[i] = x[4]; v[i] = x[5]; c[i] = x[6] == 1;
        }
        ContractBatch batch = new ContractBatch(s, k, t, r, q, v, c, a);
        GreeksBatch java = new BlackScholesGreeks().price(batch);
        GreeksBatch ql;
        try (QuantLibGreeksEngine engine = new QuantLibGreeksEngine()) {
            ql = engine.price(batch);
        }
        int compared = 0;
        double worst = 0;
        String worstAt = "";
        for (int i = 0; i < n; i++) {
            // "Vanishingly small": below 1e-12 of the natural scale of each quantity; there the
            // two cumulative-normal implementations differ by rounding in the tails.
            double scaleS = s[i];
            double[][] pairs = {
                {java.price()[i], ql.price()[i], 1e-12 * scaleS},
                {java.delta()[i], ql.delta()[i], 1e-12},
                {java.gamma()[i], ql.gamma()[i], 1e-12 / scaleS},
                {java.vega()[i], ql.vega()[i], 1e-12 * scaleS},
                {java.theta()[i], ql.theta()[i], 1e-12 * scaleS / t[i]},
                {java.rho()[i], ql.rho()[i], 1e-12 * scaleS},
            };
            String[] names = {"price", "delta", "gamma", "vega", "theta", "rho"};
            for (int g = 0; g < pairs.length; g++) {
                double x = pairs[g][0], y = pairs[g][1], floor = pairs[g][2];
                double err = Math.abs(x - y);
                double allowed = REL * Math.max(Math.abs(x), Math.abs(y)) + floor;
                if (Math.abs(y) > floor * 100) {
                    compared++;
                    worst = Math.max(worst, err / Math.abs(y));
                }
                if (!(err <= allowed)) {
                    worstAt += String.format("%n%s %s K=%.2f T=%.5f r=%.2f q=%.2f v=%.2f java=%.17g ql=%.17g",
                            names[g], c[i] ? "call" : "put", k[i], t[i], r[i], q[i], v[i], x, y);
                }
            }
        }
        assertEquals("", worstAt, "disagreements beyond 1e-10 relative");
        assertTrue(compared > 4000, "compared " + compared);
        System.out.printf("compared %d Greeks, worst relative difference %.2e%n", compared, worst);
    }
}
