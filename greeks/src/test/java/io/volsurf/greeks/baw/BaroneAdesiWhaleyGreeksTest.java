package io.volsurf.greeks.baw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.greeks.quantlib.AmericanEngine;
import io.volsurf.greeks.quantlib.QuantLibEngineConfig;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BaroneAdesiWhaleyGreeksTest {

    private static final BaroneAdesiWhaleyGreeks JAVA = new BaroneAdesiWhaleyGreeks();
    private static QuantLibGreeksEngine quantlib;

    @BeforeAll
    static void openQuantLib() {
        quantlib = new QuantLibGreeksEngine(QuantLibEngineConfig.of(AmericanEngine.BAW));
    }

    @AfterAll
    static void closeQuantLib() {
        quantlib.close();
    }

    private static Greeks am(BaroneAdesiWhaleyGreeks e, OptionType type, double s, double k, double q, double r,
            double t, double v) {
        return e.price(OptionContract.american(type, k, t), new PricingInputs(s, r, q, v));
    }

    /**
     * Haug, The Complete Guide to Option Pricing Formulas (2nd ed.), Table 3-4 (Barone-Adesi and Whaley American
     * approximation; also QuantLib's test suite): K = 100, r = 0.10, b = 0 (q = 0.10). Rows: type, S, T, vol, value.
     */
    static final double[][] HAUG = {
        {1, 90, 0.10, 0.15, 0.0206}, {1, 100, 0.10, 0.15, 1.8771}, {1, 110, 0.10, 0.15, 10.0089},
        {1, 90, 0.10, 0.25, 0.3159}, {1, 100, 0.10, 0.25, 3.1280}, {1, 110, 0.10, 0.25, 10.3919},
        {1, 90, 0.10, 0.35, 0.9495}, {1, 100, 0.10, 0.35, 4.3777}, {1, 110, 0.10, 0.35, 11.1679},
        {1, 90, 0.50, 0.15, 0.8208}, {1, 100, 0.50, 0.15, 4.0842}, {1, 110, 0.50, 0.15, 10.8087},
        {1, 90, 0.50, 0.25, 2.7437}, {1, 100, 0.50, 0.25, 6.8015}, {1, 110, 0.50, 0.25, 13.0170},
        {1, 90, 0.50, 0.35, 5.0063}, {1, 100, 0.50, 0.35, 9.5106}, {1, 110, 0.50, 0.35, 15.5689},
        {0, 90, 0.10, 0.15, 10.0000}, {0, 100, 0.10, 0.15, 1.8770}, {0, 110, 0.10, 0.15, 0.0410},
        {0, 90, 0.10, 0.25, 10.2533}, {0, 100, 0.10, 0.25, 3.1277}, {0, 110, 0.10, 0.25, 0.4562},
        {0, 90, 0.10, 0.35, 10.8787}, {0, 100, 0.10, 0.35, 4.3777}, {0, 110, 0.10, 0.35, 1.2402},
        {0, 90, 0.50, 0.15, 10.5595}, {0, 100, 0.50, 0.15, 4.0842}, {0, 110, 0.50, 0.15, 1.0822},
        {0, 90, 0.50, 0.25, 12.4419}, {0, 100, 0.50, 0.25, 6.8014}, {0, 110, 0.50, 0.25, 3.3226},
        {0, 90, 0.50, 0.35, 14.6945}, {0, 100, 0.50, 0.35, 9.5104}, {0, 110, 0.50, 0.35, 5.8823},
    };

    @Test
    void haugsPublishedValuesToTheEnginesAccuracyAndQuantLibsToRounding() {
        for (double[] row : HAUG) {
            OptionType type = row[0] == 1 ? OptionType.CALL : OptionType.PUT;
            double java = am(JAVA, type, row[1], 100, 0.10, 0.10, row[2], row[3]).price();
            double ql = quantlib.price(OptionContract.american(type, 100, row[2]),
                    new PricingInputs(row[1], 0.10, 0.10, row[3])).price();
            // QuantLib's own test of these values allows 3e-3 (the table has 4 decimals; BAW is an approximation)
            assertEquals(row[4], java, 3e-3, () -> java("Haug", row));
            assertEquals(ql, java, 1e-9 * Math.max(1, ql), () -> java("QuantLib", row));
        }
    }

    private static String java(String what, double[] row) {
        return what + " " + java.util.Arrays.toString(row);
    }

    /** A grid of the backtest's range: ITM to OTM, days to two years, low to high vol, positive carry both ways. */
    private static List<double[]> grid() {
        List<double[]> out = new ArrayList<>();
        for (int call = 0; call <= 1; call++) {
            for (double k : new double[] {70, 90, 100, 110, 140}) {
                for (double t : new double[] {7 / 365.0, 0.1, 0.5, 2.0}) {
                    for (double v : new double[] {0.08, 0.25, 0.6}) {
                        for (double[] rq : new double[][] {{0.05, 0.02}, {0.02, 0.06}, {0.08, 0.0}, {0.01, 0.01}}) {
                            out.add(new double[] {call, 100, k, t, v, rq[0], rq[1]});
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void sideBySideWithQuantLibsBawPriceAndBumpedGreeks() {
        int compared = 0;
        double[] maxGap = new double[3];
        for (double[] c : grid()) {
            OptionContract contract = OptionContract.american(c[0] == 1 ? OptionType.CALL : OptionType.PUT, c[2], c[3]);
            PricingInputs in = new PricingInputs(c[1], c[5], c[6], c[4]);
            Greeks j = JAVA.price(contract, in);
            Greeks q = quantlib.price(contract, in);
            String at = java.util.Arrays.toString(c);
            assertEquals(q.price(), j.price(), 1e-9 * Math.max(1, q.price()), "price " + at);
            // QuantLib's Greeks of BAW are central bumps (spot 0.1%, vol and rate 1e-4, T min(1 day, T/2)) of prices
            // whose boundary stops at a residual of 1e-6 K: their O(h^2) error plus up to 1e-6 K / h of noise where
            // the boundary moves fast (a 7-day put: rho -1.156 bumped, -1.101 exact; the test above checks exact)
            assertEquals(q.delta(), j.delta(), 2e-4, "delta " + at);
            assertEquals(q.gamma(), j.gamma(), 2e-4 + 2e-3 * Math.abs(q.gamma()), "gamma " + at);
            assertEquals(q.vega(), j.vega(), 2e-2 + 1e-3 * Math.abs(q.vega()), "vega " + at);
            assertEquals(q.rho(), j.rho(), 6e-2 + 1e-3 * Math.abs(q.rho()), "rho " + at);
            assertEquals(q.theta(), j.theta(), 5e-2 + 2e-2 * Math.abs(q.theta()), "theta " + at);
            maxGap[0] = Math.max(maxGap[0], Math.abs(q.vega() - j.vega()));
            maxGap[1] = Math.max(maxGap[1], Math.abs(q.rho() - j.rho()));
            maxGap[2] = Math.max(maxGap[2], Math.abs(q.theta() - j.theta()));
            compared++;
        }
        assertEquals(480, compared);
        System.out.printf("BAW Java vs QuantLib bumps, max |gap|: vega %.3g, rho %.3g, theta %.3g%n", maxGap[0],
                maxGap[1], maxGap[2]);
    }

    @Test
    void analyticGreeksAreTheDerivativesOfTheResolvedPrice() {
        for (double[] c : grid()) {
            boolean call = c[0] == 1;
            double s = c[1], k = c[2], t = c[3], v = c[4], r = c[5], q = c[6];
            double[] g = new double[6];
            BaroneAdesiWhaleyGreeks.price(call, true, s, k, t, r, q, v, g, 0);
            double hs = 1e-4 * s, hv = 1e-5, hr = 1e-5, ht = Math.min(1e-5, t / 4);
            double delta = (p(call, s + hs, k, t, r, q, v) - p(call, s - hs, k, t, r, q, v)) / (2 * hs);
            double gamma = (p(call, s + hs, k, t, r, q, v) - 2 * p(call, s, k, t, r, q, v) + p(call, s - hs, k, t, r, q, v))
                    / (hs * hs);
            double vega = (p(call, s, k, t, r, q, v + hv) - p(call, s, k, t, r, q, v - hv)) / (2 * hv);
            double rho = (p(call, s, k, t, r + hr, q, v) - p(call, s, k, t, r - hr, q, v)) / (2 * hr);
            double theta = -(p(call, s, k, t + ht, r, q, v) - p(call, s, k, t - ht, r, q, v)) / (2 * ht);
            String at = java.util.Arrays.toString(c);
            // the bumped re-solves carry the Newton tolerance (1e-6 of the strike) divided by the bump
            assertEquals(delta, g[1], 1e-4, "delta " + at);
            assertEquals(gamma, g[2], 2e-3 + 1e-2 * Math.abs(gamma), "gamma " + at);
            assertEquals(vega, g[3], 2e-2 + 1e-3 * Math.abs(vega), "vega " + at);
            assertEquals(rho, g[5], 2e-2 + 1e-3 * Math.abs(rho), "rho " + at);
            assertEquals(theta, g[4], 5e-2 + 1e-3 * Math.abs(theta), "theta " + at);
        }
    }

    private static double p(boolean call, double s, double k, double t, double r, double q, double v) {
        double[] out = new double[6];
        BaroneAdesiWhaleyGreeks.price(call, true, s, k, t, r, q, v, out, 0, 1e-13);
        return out[0];
    }

    @Test
    void earlyExerciseWorthlessIsEuropeanExactlyAndPastTheBoundaryIsIntrinsic() {
        BlackScholesGreeks bs = new BlackScholesGreeks();
        // a call on an underlying that pays nothing, a put when money earns nothing: never exercised early
        PricingInputs noDividend = new PricingInputs(100, 0.05, 0.0, 0.3);
        Greeks call = JAVA.price(OptionContract.american(OptionType.CALL, 95, 0.5), noDividend);
        Greeks europeanCall = bs.price(OptionContract.european(OptionType.CALL, 95, 0.5), noDividend);
        assertEquals(europeanCall.price(), call.price(), 1e-12);
        assertEquals(europeanCall.vega(), call.vega(), 1e-10);
        PricingInputs negativeRate = new PricingInputs(100, -0.01, 0.02, 0.3);
        assertEquals(bs.price(OptionContract.european(OptionType.PUT, 105, 0.5), negativeRate).price(),
                JAVA.price(OptionContract.american(OptionType.PUT, 105, 0.5), negativeRate).price(), 1e-12);
        // American above European for a put with r > 0 and a call with q > 0
        PricingInputs carry = new PricingInputs(100, 0.06, 0.04, 0.25);
        for (OptionType type : OptionType.values()) {
            double am = JAVA.price(OptionContract.american(type, 100, 1.0), carry).price();
            double eu = bs.price(OptionContract.european(type, 100, 1.0), carry).price();
            assertTrue(am > eu, type + ": " + am + " vs " + eu);
        }
        // a deep in-the-money put at a high rate: exercised now
        Greeks deep = JAVA.price(OptionContract.american(OptionType.PUT, 100, 1.0), new PricingInputs(40, 0.10, 0, 0.2));
        assertEquals(60.0, deep.price(), 0.0);
        assertEquals(-1.0, deep.delta(), 0.0);
        assertEquals(0.0, deep.gamma(), 0.0);
        assertEquals(0.0, deep.vega(), 0.0);
        // European contracts are Black-Scholes
        Greeks eu = bs.price(OptionContract.european(OptionType.PUT, 100, 1.0), carry);
        Greeks java = JAVA.price(OptionContract.european(OptionType.PUT, 100, 1.0), carry);
        assertEquals(eu.price(), java.price(), 1e-12);
        assertEquals(eu.delta(), java.delta(), 1e-12);
        assertEquals(eu.gamma(), java.gamma(), 1e-12);
        assertEquals(eu.vega(), java.vega(), 1e-10);
        assertEquals(eu.theta(), java.theta(), 1e-10);
        assertEquals(eu.rho(), java.rho(), 1e-10);
    }

    @Test
    void aBatchPricesAsOneByOne() {
        List<double[]> grid = grid();
        int n = grid.size();
        double[] s = new double[n], k = new double[n], t = new double[n], r = new double[n], q = new double[n],
                v = new double[n];
        boolean[] call = new boolean[n], american = new boolean[n];
        for (int i = 0; i < n; i++) {
            double[] c = grid.get(i);
            call[i] = c[0] == 1;
            american[i] = i % 3 != 0;
            s[i] = c[1];
            k[i] = c[2];
            t[i] = c[3];
            v[i] = c[4];
            r[i] = c[5];
            q[i] = c[6];
        }
        GreeksBatch out = JAVA.price(new ContractBatch(s, k, t, r, q, v, call, american));
        for (int i = 0; i < n; i++) {
            OptionContract c = new OptionContract(call[i] ? OptionType.CALL : OptionType.PUT,
                    american[i] ? ExerciseStyle.AMERICAN : ExerciseStyle.EUROPEAN, k[i], t[i]);
            assertEquals(JAVA.price(c, new PricingInputs(s[i], r[i], q[i], v[i])), out.get(i), "row " + i);
        }
    }
}
