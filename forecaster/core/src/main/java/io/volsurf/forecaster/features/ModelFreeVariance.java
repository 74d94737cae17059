package io.volsurf.forecaster.features;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Model-free implied variance by the CBOE VIX method (CBOE VIX white paper): for one expiry
 * {@code sigma^2 = (2/T) sum_i (dK_i / K_i^2) e^{RT} Q(K_i) - (1/T) (F/K_0 - 1)^2}, with {@code K_0} the first strike
 * at or below the forward, {@code Q} the out-of-the-money mid (put below {@code K_0}, call above, their average at
 * {@code K_0}), {@code dK_i} half the distance between the neighbouring strikes, and {@code e^{RT} = 1/D}. Moving
 * away from {@code K_0}, a strike with a zero bid is skipped and two consecutive zero bids end the sum (only where
 * bids are quoted; last-price chains use every positive price). Then 30 days are interpolated between the two
 * expiries around it, linear in total variance. Stateless.
 */
public final class ModelFreeVariance {

    /**
     * Annualised model-free variance of one expiry (decimal vol squared); NaN with fewer than 3 usable strikes.
     *
     * @param forward its forward, discount and maturity
     * @param quotes  its quotes (calls and puts)
     */
    public double expiryVariance(ExpiryForward forward, List<OptionQuote> quotes) {
        double f = forward.forward();
        double t = forward.maturityYears();
        TreeMap<Double, OptionQuote[]> byStrike = new TreeMap<>();
        for (OptionQuote q : quotes) {
            byStrike.computeIfAbsent(q.strike(), k -> new OptionQuote[2])[q.type() == OptionType.CALL ? 0 : 1] = q;
        }
        Double k0 = byStrike.floorKey(f);
        if (k0 == null) {
            return Double.NaN;
        }
        List<double[]> used = new ArrayList<>(); // {strike, price}
        OptionQuote[] atK0 = byStrike.get(k0);
        double c0 = price(atK0[0]);
        double p0 = price(atK0[1]);
        double q0 = c0 > 0 && p0 > 0 ? 0.5 * (c0 + p0) : Math.max(c0 > 0 ? c0 : 0, p0 > 0 ? p0 : 0);
        if (q0 > 0) {
            used.add(new double[] {k0, q0});
        }
        collect(byStrike.headMap(k0, false).descendingMap().values(), 1, used);
        collect(byStrike.tailMap(k0, false).values(), 0, used);
        if (used.size() < 3) {
            return Double.NaN;
        }
        used.sort((a, b) -> Double.compare(a[0], b[0]));
        double sum = 0;
        int n = used.size();
        for (int i = 0; i < n; i++) {
            double k = used.get(i)[0];
            double dk = i == 0 ? used.get(1)[0] - k
                    : i == n - 1 ? k - used.get(n - 2)[0]
                    : 0.5 * (used.get(i + 1)[0] - used.get(i - 1)[0]);
            sum += dk / (k * k) * used.get(i)[1] / forward.discount();
        }
        double adj = f / k0 - 1;
        return 2 / t * sum - adj * adj / t;
    }

    /**
     * 30-day (or any target) model-free vol from per-expiry variances, linear in total variance between the expiries
     * around the target (CBOE's interpolation); beyond them the nearest expiry's variance is used.
     *
     * @param maturitiesYears increasing maturities
     * @param variances       annualised variances of each (NaN ones are skipped)
     * @param targetYears     e.g. 30/365
     * @return the vol (decimal), NaN when no variance is usable
     */
    public static double interpolatedVol(double[] maturitiesYears, double[] variances, double targetYears) {
        int below = -1;
        int above = -1;
        for (int i = 0; i < maturitiesYears.length; i++) {
            if (!(variances[i] > 0)) {
                continue;
            }
            if (maturitiesYears[i] <= targetYears) {
                below = i;
            } else if (above < 0) {
                above = i;
            }
        }
        if (below < 0 && above < 0) {
            return Double.NaN;
        }
        if (below < 0 || above < 0) {
            return Math.sqrt(variances[below < 0 ? above : below]);
        }
        double t1 = maturitiesYears[below];
        double t2 = maturitiesYears[above];
        double w = (t1 * variances[below] * (t2 - targetYears) + t2 * variances[above] * (targetYears - t1))
                / (t2 - t1);
        return Math.sqrt(w / targetYears);
    }

    /** Walks strikes away from K0 with the CBOE zero-bid rules; side 0 = calls, 1 = puts. */
    private static void collect(Iterable<OptionQuote[]> strikes, int side, List<double[]> used) {
        int zeroBids = 0;
        for (OptionQuote[] cp : strikes) {
            OptionQuote q = cp[side];
            if (q == null) {
                continue;
            }
            if (!Double.isNaN(q.bid()) && q.bid() == 0) {
                if (++zeroBids >= 2) {
                    return;
                }
                continue;
            }
            zeroBids = 0;
            double p = price(q);
            if (p > 0) {
                used.add(new double[] {q.strike(), p});
            }
        }
    }

    private static double price(OptionQuote q) {
        if (q == null) {
            return Double.NaN;
        }
        double p = q.referencePriceUsd();
        return p > 0 && Double.isFinite(p) ? p : Double.NaN;
    }
}
