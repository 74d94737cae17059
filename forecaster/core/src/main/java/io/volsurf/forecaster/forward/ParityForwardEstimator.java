package io.volsurf.forecaster.forward;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Forward {@code F} and discount {@code D} of one expiry from put-call parity {@code C - P = D (F - K)}.
 *
 * <p>The near-the-money call/put pairs (same strike, both priced) are used, because deep in-the-money prices
 * are the stalest and their parity error is largest. Each pair gives {@code F_i = K_i + (C_i - P_i)/D}; a
 * weighted median of these with {@code D} from the rate is the first, robust estimate; pairs further than
 * {@link ForwardSettings#outlierMads()} robust standard deviations from it are dropped (stale last prices in
 * {@code us-options} are a dollar or two off). For maturities long enough that the strikes identify the slope,
 * {@code C - P} is then regressed on {@code K} (weighted least squares, one more trimming pass) to get
 * {@code D} too; an implausible slope keeps the rate's discount. A forward implying an implausible carry
 * falls back to {@code S e^{(r-q)T}}. Deribit (coin-quoted, inverse) options get the venue's forward with
 * {@code D = 1} (see {@link ForwardMethod#VENUE}). Stateless.
 */
public final class ParityForwardEstimator {

    /** Robust scale floor relative to the spot, so that exact synthetic parity does not reject every pair. */
    private static final double SCALE_FLOOR_REL = 5e-5;
    private static final int MIN_PAIRS_FOR_SLOPE = 6;
    private static final int PAIRS_EACH_SIDE = 3;

    private final ForwardSettings settings;

    public ForwardSettings settings() {
        return settings;
    }

    public ParityForwardEstimator() {
        this(ForwardSettings.defaults());
    }

    public ParityForwardEstimator(ForwardSettings settings) {
        this.settings = settings;
    }

    private record Pair(double strike, double callMinusPut, double weight) {
    }

    /**
     * @param expiry        the expiry
     * @param maturityYears its time to expiry in years, {@code > 0}
     * @param quotes        the session's quotes of this expiry (calls and puts, any order)
     * @param spot          the session's spot, USD, {@code > 0}
     * @throws IllegalArgumentException naming the field when spot or maturity is not positive or quotes is empty
     */
    public ExpiryForward estimate(LocalDate expiry, double maturityYears, List<OptionQuote> quotes, double spot) {
        if (!(spot > 0) || Double.isInfinite(spot)) {
            throw new IllegalArgumentException("spot must be finite and > 0, got " + spot);
        }
        if (!(maturityYears > 0) || Double.isInfinite(maturityYears)) {
            throw new IllegalArgumentException("maturityYears must be finite and > 0, got " + maturityYears);
        }
        if (quotes == null || quotes.isEmpty()) {
            throw new IllegalArgumentException("quotes of expiry " + expiry + " must not be empty");
        }
        if (quotes.get(0).priceUnit() == PriceUnit.UNDERLYING) {
            double[] f = quotes.stream().mapToDouble(OptionQuote::underlyingPrice).sorted().toArray();
            return new ExpiryForward(expiry, maturityYears, f[f.length / 2], 1.0, ForwardMethod.VENUE, 0, 0,
                    Double.NaN);
        }
        double rate = quotedOr(quotes, true, settings.fallbackRate());
        double dividendYield = quotedOr(quotes, false, settings.fallbackDividendYield());
        double rateDiscount = Math.exp(-rate * maturityYears);
        List<Pair> pairs = nearTheMoneyPairs(quotes, spot);
        if (pairs.size() < settings.minPairs()) {
            return configured(expiry, maturityYears, spot, rate, dividendYield);
        }
        double scaleFloor = SCALE_FLOOR_REL * spot;
        // Stage 1: discount from the rate, forward from a weighted median of per-pair forwards.
        double[] f = new double[pairs.size()];
        double[] w = new double[pairs.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = pairs.get(i).strike() + pairs.get(i).callMinusPut() / rateDiscount;
            w[i] = pairs.get(i).weight();
        }
        double median = weightedMedian(f, w);
        boolean[] keep = trim(f, median, scaleFloor);
        double discount = rateDiscount;
        // An error in the rate's D moves F_i by (F - K_i)(1/D - 1/D_true): average over surviving pairs balanced
        // around the forward (the nearest few on each side), so that these errors cancel.
        double forward = weightedMean(f, w, balancedAround(pairs, keep, median));
        ForwardMethod method = ForwardMethod.PARITY_FORWARD;
        if (maturityYears >= settings.minMaturityYearsForDiscount() && count(keep) >= MIN_PAIRS_FOR_SLOPE) {
            // Stage 2: C - P = alpha + beta K with beta = -D, alpha = D F, on the pairs that survived.
            double[] line = weightedLine(pairs, keep);
            if (line != null && plausibleDiscount(-line[1], maturityYears)) {
                double[] residual = new double[pairs.size()];
                for (int i = 0; i < residual.length; i++) {
                    Pair p = pairs.get(i);
                    residual[i] = (p.callMinusPut() - line[0] - line[1] * p.strike()) / -line[1];
                }
                boolean[] keep2 = trim(residual, 0.0, scaleFloor);
                double[] refit = count(keep2) >= MIN_PAIRS_FOR_SLOPE ? weightedLine(pairs, keep2) : null;
                if (refit != null && plausibleDiscount(-refit[1], maturityYears)) {
                    line = refit;
                    keep = keep2;
                }
                discount = -line[1];
                forward = line[0] / discount;
                method = ForwardMethod.PARITY;
            }
        }
        if (!(forward > 0) || Math.abs(Math.log(forward / spot)) > 0.02 + settings.carryBoundPerYear() * maturityYears) {
            return configured(expiry, maturityYears, spot, rate, dividendYield);
        }
        int used = count(keep);
        double sse = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (keep[i]) {
                Pair p = pairs.get(i);
                double r = p.callMinusPut() - discount * (forward - p.strike());
                sse += r * r;
            }
        }
        return new ExpiryForward(expiry, maturityYears, forward, discount, method, used, pairs.size() - used,
                Math.sqrt(sse / used));
    }

    /** The kept pairs among the {@code PAIRS_EACH_SIDE} nearest strikes below and above {@code centre}. */
    private static boolean[] balancedAround(List<Pair> pairs, boolean[] keep, double centre) {
        boolean[] chosen = new boolean[keep.length];
        Integer[] order = new Integer[keep.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(pairs.get(i).strike() - centre)));
        int below = 0;
        int above = 0;
        for (int i : order) {
            if (!keep[i]) {
                continue;
            }
            if (pairs.get(i).strike() < centre ? below++ < PAIRS_EACH_SIDE : above++ < PAIRS_EACH_SIDE) {
                chosen[i] = true;
            }
        }
        return chosen;
    }

    private ExpiryForward configured(LocalDate expiry, double t, double spot, double rate, double dividendYield) {
        return new ExpiryForward(expiry, t, spot * Math.exp((rate - dividendYield) * t), Math.exp(-rate * t),
                ForwardMethod.CONFIGURED, 0, 0, Double.NaN);
    }

    private boolean plausibleDiscount(double discount, double t) {
        if (!(discount > 0)) {
            return false;
        }
        double r = -Math.log(discount) / t;
        return r >= -settings.rateBounds() && r <= 3 * settings.rateBounds();
    }

    /** The median of the quotes' own rate (or dividend yield) where given, else the fallback. */
    private static double quotedOr(List<OptionQuote> quotes, boolean rate, double fallback) {
        double[] v = quotes.stream().mapToDouble(q -> rate ? q.rate() : q.dividendYield()).filter(Double::isFinite)
                .sorted().toArray();
        return v.length == 0 ? fallback : v[v.length / 2];
    }

    private List<Pair> nearTheMoneyPairs(List<OptionQuote> quotes, double spot) {
        // By ascending strike (Double.compare), the last call and the last put quoted at each: a stable sort and one
        // pass over its runs of equal strikes (a TreeMap of boxed strikes did the same at several times the cost).
        List<OptionQuote> byStrike = new ArrayList<>(quotes);
        byStrike.sort(Comparator.comparingDouble(OptionQuote::strike));
        List<Pair> pairs = new ArrayList<>();
        OptionQuote[] cp = new OptionQuote[2];
        for (int from = 0; from < byStrike.size();) {
            double strike = byStrike.get(from).strike();
            cp[0] = null;
            cp[1] = null;
            int to = from;
            while (to < byStrike.size() && Double.compare(byStrike.get(to).strike(), strike) == 0) {
                OptionQuote q = byStrike.get(to);
                cp[q.type() == OptionType.CALL ? 0 : 1] = q;
                to++;
            }
            from = to;
            if (cp[0] == null || cp[1] == null) {
                continue;
            }
            double c = cp[0].referencePriceUsd();
            double p = cp[1].referencePriceUsd();
            if (!(c > 0) || !(p > 0)) {
                continue;
            }
            double weight = 1.0;
            if (cp[0].hasBidAsk() && cp[1].hasBidAsk()) {
                // Tighter two-sided quotes pin parity down better.
                double spread = (cp[0].askUsd() - cp[0].bidUsd()) + (cp[1].askUsd() - cp[1].bidUsd());
                weight = 1.0 / (spread + 1e-4 * spot);
            }
            pairs.add(new Pair(cp[0].strike(), c - p, weight));
        }
        pairs.sort(Comparator.comparingDouble(pr -> Math.abs(Math.log(pr.strike() / spot))));
        return pairs.size() > settings.maxPairs() ? new ArrayList<>(pairs.subList(0, settings.maxPairs())) : pairs;
    }

    /** Keeps values within {@code outlierMads} robust standard deviations of the centre. */
    private boolean[] trim(double[] values, double centre, double scaleFloor) {
        double[] dev = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            dev[i] = Math.abs(values[i] - centre);
        }
        double[] sorted = dev.clone();
        Arrays.sort(sorted);
        double mad = sorted[sorted.length / 2];
        double limit = settings.outlierMads() * Math.max(1.4826 * mad, scaleFloor);
        boolean[] keep = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            keep[i] = dev[i] <= limit;
        }
        return keep;
    }

    /** {@code [alpha, beta]} of the weighted least-squares line {@code C - P = alpha + beta K}; null if degenerate. */
    private static double[] weightedLine(List<Pair> pairs, boolean[] keep) {
        double sw = 0;
        double sk = 0;
        double sy = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (keep[i]) {
                Pair p = pairs.get(i);
                sw += p.weight();
                sk += p.weight() * p.strike();
                sy += p.weight() * p.callMinusPut();
            }
        }
        double kBar = sk / sw;
        double yBar = sy / sw;
        double skk = 0;
        double sky = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (keep[i]) {
                Pair p = pairs.get(i);
                double dk = p.strike() - kBar;
                skk += p.weight() * dk * dk;
                sky += p.weight() * dk * (p.callMinusPut() - yBar);
            }
        }
        if (!(skk > 0)) {
            return null;
        }
        double beta = sky / skk;
        return new double[] {yBar - beta * kBar, beta};
    }

    private static double weightedMedian(double[] values, double[] weights) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double acc = 0;
        for (int i : order) {
            acc += weights[i];
            if (acc >= 0.5 * total) {
                return values[i];
            }
        }
        return values[order[order.length - 1]];
    }

    private static double weightedMean(double[] values, double[] weights, boolean[] keep) {
        double s = 0;
        double sw = 0;
        for (int i = 0; i < values.length; i++) {
            if (keep[i]) {
                s += weights[i] * values[i];
                sw += weights[i];
            }
        }
        return s / sw;
    }

    private static int count(boolean[] keep) {
        int c = 0;
        for (boolean b : keep) {
            if (b) {
                c++;
            }
        }
        return c;
    }
}
