package io.volsurf.forecaster.smile;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.iv.BlackImpliedVolatility;
import io.volsurf.forecaster.iv.ImpliedVol;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one expiry's quotes into a {@link MarketSmile}: the out-of-the-money quote of each strike (puts below
 * the forward, calls at or above it), priced undiscounted ({@code premium / D}, coin premiums converted to USD
 * with the row's forward) and inverted to Black vols with the machine-precision inversion; mid where the
 * quote is two-sided, else the mark or last price; bid and ask vols where they exist. With
 * {@link IvSource#VENDOR} a quote's vol is the vendor's IV where the row has one (the price still passes the same
 * filters; its inversion is then not required), else the inverted one. Junk is filtered by
 * rules stated in vol or tick units (see {@link QuoteDropReason}), never tuned to one ticker; every dropped
 * quote is counted. Stateless.
 */
public final class SmileBuilder {

    /** Nearest-to-the-money quotes whose median vol sets the wing limit. */
    private static final int ATM_POINTS = 5;

    private final SmileSettings settings;
    private final IvSource ivSource;

    public SmileBuilder() {
        this(SmileSettings.defaults());
    }

    public SmileBuilder(SmileSettings settings) {
        this(settings, IvSource.PRICES);
    }

    /** @param ivSource where each quote's vol comes from (filters and bid/ask vols are the same for both) */
    public SmileBuilder(SmileSettings settings, IvSource ivSource) {
        this.settings = settings;
        this.ivSource = ivSource;
    }

    public SmileSettings settings() {
        return settings;
    }

    public IvSource ivSource() {
        return ivSource;
    }

    /**
     * @param forward the expiry's forward and discount
     * @param quotes  the session's quotes of that expiry (both types; in-the-money ones are ignored)
     */
    public MarketSmile build(ExpiryForward forward, List<OptionQuote> quotes) {
        Map<QuoteDropReason, Integer> dropped = new EnumMap<>(QuoteDropReason.class);
        double f = forward.forward();
        double t = forward.maturityYears();
        double d = forward.discount();
        List<SmilePoint> points = new ArrayList<>();
        for (OptionQuote q : quotes) {
            if (!q.isOutOfTheMoney(f)) {
                continue;
            }
            if (t < settings.minMaturityYears()) {
                count(dropped, QuoteDropReason.SHORT_MATURITY);
                continue;
            }
            QuoteDropReason reason = null;
            double price = q.referencePriceUsd();
            double tick = q.priceUnit() == PriceUnit.UNDERLYING ? settings.tickCoin() * q.underlyingPrice()
                    : settings.tickUsd();
            ImpliedVol[] ivs = null;
            if (!(price > 0) || Double.isInfinite(price)) {
                reason = QuoteDropReason.NO_PRICE;
            } else if (!q.hasBidAsk() && q.openInterest() == 0 && q.volume() == 0) {
                reason = QuoteDropReason.NO_LIQUIDITY;
            } else if (price < 1.5 * tick) {
                reason = QuoteDropReason.TICK_FLOOR;
            } else {
                // Reference, bid and ask of one option in one call: the inversion's price-free work is shared.
                ivs = BlackImpliedVolatility.impliedVols(
                        new double[] {price / d, sidePrice(q.bidUsd(), d), sidePrice(q.askUsd(), d)}, f, q.strike(), t,
                        q.type() == OptionType.CALL);
                if (!ivs[0].isOk() && !usesVendorVol(q)) {
                    reason = QuoteDropReason.NOT_INVERTIBLE;
                }
            }
            if (reason != null) {
                count(dropped, reason);
                continue;
            }
            double vol = usesVendorVol(q) ? q.vendorIv() : ivs[0].vol();
            double vega = BlackFormula.vega(f, q.strike(), vol, t);
            if (tick / d > settings.maxVolPerTick() * vega) {
                count(dropped, QuoteDropReason.TICK_FLOOR);
                continue;
            }
            double bidVol = ivs[1].isOk() ? ivs[1].vol() : Double.NaN;
            double askVol = ivs[2].isOk() ? ivs[2].vol() : Double.NaN;
            points.add(new SmilePoint(q.strike(), Math.log(q.strike() / f), q.type(), vol, bidVol, askVol,
                    q.vendorIv(), vega, q.volume(), q.openInterest()));
        }
        points.sort(Comparator.comparingDouble(SmilePoint::logMoneyness));
        points = dropFarWings(points, t, dropped);
        points = dropSpikes(points, dropped);
        if (points.size() < settings.minQuotes() && !points.isEmpty()) {
            dropped.merge(QuoteDropReason.TOO_FEW_QUOTES, points.size(), Integer::sum);
            points = List.of();
        }
        return new MarketSmile(forward, points, dropped);
    }

    /** True when the quote's vol is the vendor's: the vendor source, and the row carries a vendor IV. */
    private boolean usesVendorVol(OptionQuote q) {
        return ivSource == IvSource.VENDOR && q.vendorIv() > 0;
    }

    /**
     * A bid or ask as an undiscounted price; a side without a positive finite price becomes 0, which has no
     * vol (an out-of-the-money option at its intrinsic value), so that side's vol is NaN.
     */
    private static double sidePrice(double usd, double d) {
        return usd > 0 && !Double.isInfinite(usd) ? usd / d : 0.0;
    }

    private List<SmilePoint> dropFarWings(List<SmilePoint> points, double t, Map<QuoteDropReason, Integer> dropped) {
        if (points.size() < ATM_POINTS) {
            return points;
        }
        double[] atm = points.stream().sorted(Comparator.comparingDouble(p -> Math.abs(p.logMoneyness())))
                .limit(ATM_POINTS).mapToDouble(SmilePoint::vol).sorted().toArray();
        double limit = settings.maxStdDevs() * atm[atm.length / 2] * Math.sqrt(t);
        List<SmilePoint> kept = new ArrayList<>(points.size());
        for (SmilePoint p : points) {
            if (Math.abs(p.logMoneyness()) > limit) {
                count(dropped, QuoteDropReason.FAR_WING);
            } else {
                kept.add(p);
            }
        }
        return kept;
    }

    /** Flags every point against the median of up to two neighbours each side (all flags from the same pass). */
    private List<SmilePoint> dropSpikes(List<SmilePoint> points, Map<QuoteDropReason, Integer> dropped) {
        int n = points.size();
        if (n < 4) {
            return points;
        }
        List<SmilePoint> kept = new ArrayList<>(n);
        double[] window = new double[4];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = Math.max(0, i - 2); j <= Math.min(n - 1, i + 2); j++) {
                if (j != i) {
                    window[m++] = points.get(j).vol();
                }
            }
            double median = median(window, m);
            double vol = points.get(i).vol();
            if (Math.abs(vol - median) > settings.spikeAbsVol() + settings.spikeRelVol() * median) {
                count(dropped, QuoteDropReason.SPIKE);
            } else {
                kept.add(points.get(i));
            }
        }
        return kept;
    }

    static double median(double[] values, int n) {
        double[] s = Arrays.copyOf(values, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static void count(Map<QuoteDropReason, Integer> dropped, QuoteDropReason reason) {
        dropped.merge(reason, 1, Integer::sum);
    }
}
