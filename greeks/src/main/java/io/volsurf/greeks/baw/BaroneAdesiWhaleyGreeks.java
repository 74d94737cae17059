package io.volsurf.greeks.baw;

import io.volsurf.forecaster.iv.NormalDistribution;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.GreeksEngine;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.blackscholes.NormalTail;

/**
 * American options by the Barone-Adesi-Whaley (1987) quadratic approximation, in plain Java, with Greeks; European
 * options in closed form (Black-Scholes-Merton). The price follows QuantLib's
 * {@code BaroneAdesiWhaleyApproximationEngine} step for step (the same seed, Newton iteration for the critical price
 * to a relative tolerance of 1e-6 of the strike, and early-exercise premium), so the two agree to rounding; the
 * approximation itself is about 1e-3 relative from the true American value (Haug's table within 3e-3 absolute).
 *
 * <p>Greeks, all analytic (no re-pricing):
 * <ul>
 * <li>delta and gamma: exact spot derivatives of the approximation {@code V = BS(S) + A (S/S*)^Q} (the critical
 *     price {@code S*}, {@code A} and {@code Q} do not depend on spot); past the boundary delta is +-1, gamma 0;</li>
 * <li>vega, theta (per year of calendar time passing, {@code -dV/dT}) and rho (r moves, q stays): derivatives at the
 *     critical price held fixed, writing the premium by value matching as {@code (S/S*)^Q (+-(S* - K) - BS(S*))}.
 *     The critical price is the one that maximises that value (smooth pasting is the first-order condition), so its
 *     own sensitivity drops out to first order (envelope theorem): the result equals the derivative of the
 *     re-solved price up to the Newton tolerance (checked against central bumps in the tests).</li>
 * </ul>
 * Early exercise cannot pay for a call when {@code q <= 0} nor for a put when {@code r <= 0} (Merton 1973): those are
 * priced as European, exactly; this also keeps the quadratic off negative rates, where it has no solution.
 * Stateless and thread-safe.
 */
public final class BaroneAdesiWhaleyGreeks implements GreeksEngine {

    /** Newton stops when the value-matching residual is below this fraction of the strike (as QuantLib). */
    static final double TOLERANCE = 1e-6;
    /** The boundary for the Greeks: a few more iterations from QuantLib's stopping point. */
    static final double FINE_TOLERANCE = 1e-13;
    private static final int MAX_ITERATIONS = 100;

    @Override
    public Greeks price(OptionContract contract, PricingInputs in) {
        double[] out = new double[6];
        price(contract.type() == OptionType.CALL, contract.style() == ExerciseStyle.AMERICAN, in.spot(),
                contract.strike(), contract.maturityYears(), in.rate(), in.dividendYield(), in.vol(), out, 0);
        return new Greeks(out[0], out[1], out[2], out[3], out[4], out[5]);
    }

    @Override
    public void priceInto(ContractBatch batch, GreeksBatch result) {
        int n = batch.size();
        if (result.capacity() < n) {
            throw new IllegalArgumentException("out holds " + result.capacity() + " results, batch has " + n);
        }
        double[] out = new double[6];
        double[] s = batch.spot(), k = batch.strike(), t = batch.maturityYears(), r = batch.rate(),
                q = batch.dividendYield(), v = batch.vol();
        boolean[] call = batch.isCall(), american = batch.isAmerican();
        for (int i = 0; i < n; i++) {
            price(call[i], american[i], s[i], k[i], t[i], r[i], q[i], v[i], out, 0);
            result.set(i, out[0], out[1], out[2], out[3], out[4], out[5]);
        }
    }

    /**
     * Price and Greeks of one option into {@code out[o..o+5]}: price, delta, gamma, vega, theta, rho. Inputs must be
     * valid (positive spot, strike, maturity and vol; finite rates), as {@link PricingInputs} checks them.
     */
    public static void price(boolean call, boolean american, double spot, double strike, double t, double r,
            double q, double vol, double[] out, int o) {
        price(call, american, spot, strike, t, r, q, vol, out, o, TOLERANCE);
    }

    /** As above with the critical price solved to {@code tolerance} (the tests' re-solved reference uses 1e-13). */
    static void price(boolean call, boolean american, double spot, double strike, double t, double r,
            double q, double vol, double[] out, int o, double tolerance) {
        if (!american || (call ? q <= 0 : r <= 0)) {
            blackScholes(call, spot, strike, t, r, q, vol, out, o);
            return;
        }
        double variance = vol * vol * t;
        double sd = Math.sqrt(variance);
        double rfd = Math.exp(-r * t);
        double dd = Math.exp(-q * t);
        double n = 2.0 * (r - q) / (vol * vol);
        double bigK = quadraticK(r, t, variance, rfd);
        double root = Math.sqrt((n - 1.0) * (n - 1.0) + 4.0 * bigK);
        double bigQ = call ? (-(n - 1.0) + root) / 2.0 : (-(n - 1.0) - root) / 2.0;
        double sk = criticalPrice(call, strike, rfd, dd, variance, sd, n, bigQ, Double.NaN, tolerance);
        if (call ? spot >= sk : spot <= sk) {
            // past the exercise boundary: exercised now, worth its intrinsic value whatever vol, time or rate
            out[o] = call ? spot - strike : strike - spot;
            out[o + 1] = call ? 1.0 : -1.0;
            out[o + 2] = 0.0;
            out[o + 3] = 0.0;
            out[o + 4] = 0.0;
            out[o + 5] = 0.0;
            return;
        }
        double d1k = (Math.log(sk * dd / (rfd * strike)) + 0.5 * variance) / sd;
        double a = call ? (sk / bigQ) * (1.0 - dd * NormalDistribution.cdf(d1k))
                : -(sk / bigQ) * (1.0 - dd * NormalDistribution.cdf(-d1k));
        double ratio = Math.pow(spot / sk, bigQ);
        double premium = a * ratio;

        double[] bs = new double[6];
        blackScholes(call, spot, strike, t, r, q, vol, bs, 0);
        // The envelope argument needs the boundary itself, not QuantLib's stopping point: where the boundary moves
        // fast with a parameter (days to expiry), a 1e-6 residual would otherwise show in vega, theta and rho.
        double fine = criticalPrice(call, strike, rfd, dd, variance, sd, n, bigQ, sk, FINE_TOLERANCE);
        double fineRatio = Math.pow(spot / fine, bigQ);
        double[] atBoundary = new double[6];
        blackScholes(call, fine, strike, t, r, q, vol, atBoundary, 0);
        // premium by value matching, critical price fixed: P = (S/S*)^Q (+-(S* - K) - BS(S*))
        double matched = fineRatio * ((call ? fine - strike : strike - fine) - atBoundary[0]);
        double logRatio = Math.log(spot / fine);
        double dQdVol = dQ(call, n, root, -2.0 * n / vol, -2.0 * bigK / vol);
        double dKdR = quadraticKdR(r, t, vol, bigK, rfd);
        double dQdR = dQ(call, n, root, 2.0 / (vol * vol), dKdR);
        double dKdT = quadraticKdT(r, t, bigK, rfd);
        double dQdT = dQ(call, n, root, 0.0, dKdT);

        out[o] = bs[0] + premium;
        out[o + 1] = bs[1] + premium * bigQ / spot;
        out[o + 2] = bs[2] + premium * bigQ * (bigQ - 1.0) / (spot * spot);
        out[o + 3] = bs[3] + matched * logRatio * dQdVol - fineRatio * atBoundary[3];
        // theta = -dV/dT; the BS theta at S* is -dBS(S*)/dT
        out[o + 4] = bs[4] - (matched * logRatio * dQdT + fineRatio * atBoundary[4]);
        out[o + 5] = bs[5] + matched * logRatio * dQdR - fineRatio * atBoundary[5];
    }

    /** QuantLib's K = 2r / (sigma^2 (1 - e^{-rT})), or its limit 2 / (sigma^2 T) as rT goes to 0. */
    static double quadraticK(double r, double t, double variance, double rfd) {
        return Math.abs(r * t) < 1e-12 ? 2.0 / variance : -2.0 * Math.log(rfd) / (variance * (1.0 - rfd));
    }

    private static double quadraticKdR(double r, double t, double vol, double bigK, double rfd) {
        double rt = r * t;
        if (Math.abs(rt) < 1e-8) {
            return 1.0 / (vol * vol); // K ~ (2/(sigma^2 T)) (1 + rT/2)
        }
        return bigK / r - bigK * t * rfd / (1.0 - rfd);
    }

    private static double quadraticKdT(double r, double t, double bigK, double rfd) {
        double rt = r * t;
        if (Math.abs(rt) < 1e-8) {
            return -bigK / t * (1.0 - rt / 2.0);
        }
        return -bigK * r * rfd / (1.0 - rfd);
    }

    /** dQ from dn and dK: Q = (-(n-1) +- sqrt((n-1)^2 + 4K)) / 2, + for calls. */
    private static double dQ(boolean call, double n, double root, double dn, double dK) {
        double dRoot = ((n - 1.0) * dn + 2.0 * dK) / root;
        return call ? (-dn + dRoot) / 2.0 : (-dn - dRoot) / 2.0;
    }

    /**
     * The critical (exercise boundary) price: QuantLib's seed (or {@code start} where given) and Newton iteration,
     * until the value-matching residual is within {@code tolerance} of the strike.
     */
    static double criticalPrice(boolean call, double strike, double rfd, double dd, double variance, double sd,
            double n, double bigQ, double start, double tolerance) {
        double si;
        if (!Double.isNaN(start)) {
            si = start;
        } else if (call) {
            double m = -2.0 * Math.log(rfd) / variance;
            double bT = Math.log(dd / rfd);
            double qu = (-(n - 1.0) + Math.sqrt((n - 1.0) * (n - 1.0) + 4.0 * m)) / 2.0;
            double su = strike / (1.0 - 1.0 / qu);
            double h = -(bT + 2.0 * sd) * strike / (su - strike);
            si = strike + (su - strike) * (1.0 - Math.exp(h));
        } else {
            double m = -2.0 * Math.log(rfd) / variance;
            double bT = Math.log(dd / rfd);
            double qu = (-(n - 1.0) - Math.sqrt((n - 1.0) * (n - 1.0) + 4.0 * m)) / 2.0;
            double su = strike / (1.0 - 1.0 / qu);
            double h = (bT - 2.0 * sd) * strike / (strike - su);
            si = su + (strike - su) * Math.exp(h);
        }
        double carry = dd / rfd;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double forward = si * carry;
            double d1 = (Math.log(forward / strike) + 0.5 * variance) / sd;
            double d2 = d1 - sd;
            // one exponential serves both tails: exp(-d2^2/2) = exp(-d1^2/2) F/K
            double e1 = Math.exp(-0.5 * d1 * d1);
            double e2 = e1 * forward / strike;
            double pdf = NormalTail.INV_SQRT_2PI * e1;
            if (call) {
                double nd1 = NormalTail.cdf(d1, e1);
                double black = rfd * (forward * nd1 - strike * NormalTail.cdf(d2, e2));
                double lhs = si - strike;
                double rhs = black + (1.0 - dd * nd1) * si / bigQ;
                if (Math.abs(lhs - rhs) / strike <= tolerance) {
                    break;
                }
                double bi = dd * nd1 * (1.0 - 1.0 / bigQ) + (1.0 - dd * pdf / sd) / bigQ;
                si = (strike + rhs - bi * si) / (1.0 - bi);
            } else {
                double nMinusD1 = NormalTail.cdf(-d1, e1);
                double black = rfd * (strike * NormalTail.cdf(-d2, e2) - forward * nMinusD1);
                double lhs = strike - si;
                double rhs = black - (1.0 - dd * nMinusD1) * si / bigQ;
                if (Math.abs(lhs - rhs) / strike <= tolerance) {
                    break;
                }
                double bi = -dd * nMinusD1 * (1.0 - 1.0 / bigQ) - (1.0 + dd * pdf / sd) / bigQ;
                si = (strike - rhs + bi * si) / (1.0 + bi);
            }
        }
        return si;
    }

    /** Black-Scholes-Merton price and Greeks (theta = -dV/dT, rho in r with q fixed) into out[o..o+5]. */
    static void blackScholes(boolean call, double s, double k, double t, double r, double q, double vol,
            double[] out, int o) {
        double sqrtT = Math.sqrt(t);
        double sd = vol * sqrtT;
        double d1 = (Math.log(s / k) + (r - q) * t) / sd + 0.5 * sd;
        double d2 = d1 - sd;
        double dd = Math.exp(-q * t);
        double rfd = Math.exp(-r * t);
        double sdd = s * dd;
        double krfd = k * rfd;
        // exp(-d2^2/2) = exp(-d1^2/2) S e^{-qT} / (K e^{-rT}): one exponential for both densities
        double e1 = Math.exp(-0.5 * d1 * d1);
        double e2 = e1 * sdd / krfd;
        double pdf = NormalTail.INV_SQRT_2PI * e1;
        out[o + 2] = dd * pdf / (s * sd);
        out[o + 3] = sdd * pdf * sqrtT;
        double decay = -sdd * pdf * vol / (2.0 * sqrtT);
        if (call) {
            double n1 = NormalTail.cdf(d1, e1);
            double n2 = NormalTail.cdf(d2, e2);
            out[o] = sdd * n1 - krfd * n2;
            out[o + 1] = dd * n1;
            out[o + 4] = decay - r * krfd * n2 + q * sdd * n1;
            out[o + 5] = k * t * rfd * n2;
        } else {
            double n1 = NormalTail.cdf(-d1, e1);
            double n2 = NormalTail.cdf(-d2, e2);
            out[o] = krfd * n2 - sdd * n1;
            out[o + 1] = -dd * n1;
            out[o + 4] = decay + r * krfd * n2 - q * sdd * n1;
            out[o + 5] = -k * t * rfd * n2;
        }
    }
}
