package io.volsurf.greeks.blackscholes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import org.junit.jupiter.api.Test;

class BlackScholesGreeksTest {
    private final BlackScholesGreeks bs = new BlackScholesGreeks();

    private Greeks eu(OptionType type, double s, double k, double q, double r, double t, double v) {
        return bs.price(OptionContract.european(type, k, t), new PricingInputs(s, r, q, v));
    }

    /** Haug, The Complete Guide to Option Pricing Formulas (1998), pp. 2-8, as in QuantLib's test-suite. */
    @Test
    void haugEuropeanValues() {
        assertEquals(2.1334, eu(OptionType.CALL, 60, 65, 0.00, 0.08, 0.25, 0.30).price(), 1e-4);
        assertEquals(2.4648, eu(OptionType.PUT, 100, 95, 0.05, 0.10, 0.50, 0.20).price(), 1e-4);
        assertEquals(1.7011, eu(OptionType.PUT, 19, 19, 0.10, 0.10, 0.75, 0.28).price(), 1e-4);
        assertEquals(1.7011, eu(OptionType.CALL, 19, 19, 0.10, 0.10, 0.75, 0.28).price(), 1e-4);
        assertEquals(0.0291, eu(OptionType.CALL, 1.56, 1.60, 0.08, 0.06, 0.50, 0.12).price(), 1e-4);
    }

    /** Haug (1998) pp. 11-16: the Greek values QuantLib's EuropeanOption tests check. */
    @Test
    void haugGreekValues() {
        assertEquals(0.5946, eu(OptionType.CALL, 105, 100, 0.10, 0.10, 0.5, 0.36).delta(), 1e-4);
        assertEquals(-0.3566, eu(OptionType.PUT, 105, 100, 0.10, 0.10, 0.5, 0.36).delta(), 1e-4);
        assertEquals(0.0278, eu(OptionType.CALL, 55, 60, 0.00, 0.10, 0.75, 0.30).gamma(), 1e-4);
        assertEquals(0.0278, eu(OptionType.PUT, 55, 60, 0.00, 0.10, 0.75, 0.30).gamma(), 1e-4);
        assertEquals(18.9358, eu(OptionType.CALL, 55, 60, 0.00, 0.10, 0.75, 0.30).vega(), 1e-4);
        assertEquals(-31.1924, eu(OptionType.PUT, 430, 405, 0.05, 0.07, 1.0 / 12, 0.20).theta(), 1e-4);
        assertEquals(38.7325, eu(OptionType.CALL, 72, 75, 0.00, 0.09, 1.0, 0.19).rho(), 1e-4);
        // put rho by parity: rho_call - K T e^{-rT}
        assertEquals(38.7325 - 75 * Math.exp(-0.09), eu(OptionType.PUT, 72, 75, 0.00, 0.09, 1.0, 0.19).rho(), 1e-4);
    }

    @Test
    void putCallParity() {
        for (double t : new double[]{1 / 365.0, 0.25, 2, 5}) {
            for (double k : new double[]{50, 95, 100, 120, 300}) {
                double s = 100, r = 0.04, q = 0.015, v = 0.35;
                Greeks c = eu(OptionType.CALL, s, k, q, r, t, v);
                Greeks p = eu(OptionType.PUT, s, k, q, r, t, v);
                double forwardValue = s * Math.exp(-q * t) - k * Math.exp(-r * t);
                assertEquals(forwardValue, c.price() - p.price(), 1e-12 * s, "parity K=" + k + " T=" + t);
                assertEquals(Math.exp(-q * t), c.delta() - p.delta(), 1e-14);
                assertEquals(c.gamma(), p.gamma(), 1e-14);
                assertEquals(c.vega(), p.vega(), 1e-11);
            }
        }
    }

    /** Every Greek against a central finite difference of the price. */
    @Test
    void greeksMatchFiniteDifferences() {
        for (OptionType type : OptionType.values()) {
            for (double k : new double[]{70, 100, 130}) {
                double s = 100, r = 0.03, q = 0.01, v = 0.25, t = 0.7;
                Greeks g = eu(type, s, k, q, r, t, v);
                double hs = 1e-4 * s;
                double up = eu(type, s + hs, k, q, r, t, v).price(), dn = eu(type, s - hs, k, q, r, t, v).price();
                assertEquals((up - dn) / (2 * hs), g.delta(), 1e-7, "delta " + type + " K=" + k);
                assertEquals((up - 2 * g.price() + dn) / (hs * hs), g.gamma(), 1e-6, "gamma " + type + " K=" + k);
                double hv = 1e-5;
                assertEquals((eu(type, s, k, q, r, t, v + hv).price() - eu(type, s, k, q, r, t, v - hv).price()) / (2 * hv),
                        g.vega(), 1e-6, "vega");
                double hr = 1e-6;
                assertEquals((eu(type, s, k, q, r + hr, t, v).price() - eu(type, s, k, q, r - hr, t, v).price()) / (2 * hr),
                        g.rho(), 1e-5, "rho");
                double ht = 1e-6;
                assertEquals(-(eu(type, s, k, q, r, t + ht, v).price() - eu(type, s, k, q, r, t - ht, v).price()) / (2 * ht),
                        g.theta(), 1e-5, "theta");
            }
        }
    }

    /** The scalar kernel works in blocks of options: a batch spanning several blocks (and a partial one)
     * must give, for every contract, exactly what pricing that contract alone gives. */
    @Test
    void batchAcrossBlocksEqualsOneAtATime() {
        int n = 700;
        double[] s = new double[n], k = new double[n], t = new double[n], r = new double[n], q = new double[n],
                v = new double[n];
        boolean[] call = new boolean[n], american = new boolean[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextDouble(10, 500);
            k[i] = s[i] * Math.exp(rnd.nextDouble(-1.5, 1.5));
            t[i] = rnd.nextDouble(1 / 365.0, 5);
            r[i] = rnd.nextDouble(-0.01, 0.1);
            q[i] = rnd.nextDouble(0, 0.06);
            v[i] = rnd.nextDouble(0.05, 1.5);
            call[i] = rnd.nextBoolean();
        }
        double[][] o = new double[6][n];
        BatchKernel.SCALAR.priceEuropean(n, s, k, t, r, q, v, call, o[0], o[1], o[2], o[3], o[4], o[5]);
        // the batch API runs the selected kernel (SIMD where available: equal to round-off, BatchKernelTest)
        io.volsurf.greeks.GreeksBatch batch = bs.price(new ContractBatch(s, k, t, r, q, v, call, american));
        for (int i = 0; i < n; i++) {
            Greeks one = eu(call[i] ? OptionType.CALL : OptionType.PUT, s[i], k[i], q[i], r[i], t[i], v[i]);
            assertEquals(one, new Greeks(o[0][i], o[1][i], o[2][i], o[3][i], o[4][i], o[5][i]), "contract " + i);
            Greeks fromBatch = batch.get(i);
            assertEquals(one.price(), fromBatch.price(), 1e-13 * s[i], "batch price " + i);
            assertEquals(one.delta(), fromBatch.delta(), 1e-13, "batch delta " + i);
            assertEquals(one.rho(), fromBatch.rho(), 1e-13 * Math.abs(one.rho()) + 1e-13, "batch rho " + i);
        }
    }

    @Test
    void americanOnlyWhereEuropeanIsExact() {
        PricingInputs noDiv = new PricingInputs(100, 0.05, 0.0, 0.2);
        Greeks am = bs.price(OptionContract.american(OptionType.CALL, 100, 1), noDiv);
        assertEquals(eu(OptionType.CALL, 100, 100, 0, 0.05, 1, 0.2), am);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bs.price(OptionContract.american(OptionType.PUT, 100, 1), noDiv));
        assertTrue(e.getMessage().contains("style"), e.getMessage());
    }

    @Test
    void badInputsAreRejectedWithTheFieldName() {
        assertMessage("vol", () -> new PricingInputs(100, 0.01, 0, -0.2));
        assertMessage("vol", () -> new PricingInputs(100, 0.01, 0, Double.NaN));
        assertMessage("spot", () -> new PricingInputs(-1, 0.01, 0, 0.2));
        assertMessage("spot", () -> new PricingInputs(Double.NaN, 0.01, 0, 0.2));
        assertMessage("rate", () -> new PricingInputs(100, Double.NaN, 0, 0.2));
        assertMessage("strike", () -> OptionContract.european(OptionType.CALL, 0, 1));
        assertMessage("strike", () -> OptionContract.european(OptionType.CALL, Double.NaN, 1));
        assertMessage("maturityYears", () -> OptionContract.european(OptionType.CALL, 100, -0.5));
        assertMessage("maturityYears", () -> OptionContract.european(OptionType.CALL, 100, Double.POSITIVE_INFINITY));
        double[] one = {1.0};
        assertMessage("vol[0]", () -> new ContractBatch(one, one, one, one, one, new double[]{Double.NaN},
                new boolean[]{true}, new boolean[]{false}));
        assertMessage("maturityYears[0]", () -> new ContractBatch(one, one, new double[]{0}, one, one, one,
                new boolean[]{true}, new boolean[]{false}));
        assertMessage("strike has 2", () -> new ContractBatch(one, new double[2], one, one, one, one,
                new boolean[]{true}, new boolean[]{false}));
    }

    static void assertMessage(String field, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(field), "message '" + e.getMessage() + "' should name " + field);
    }
}
