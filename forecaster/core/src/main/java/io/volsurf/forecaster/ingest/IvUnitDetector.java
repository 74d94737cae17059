package io.volsurf.forecaster.ingest;

import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.forecaster.iv.BlackImpliedVolatility;
import io.volsurf.forecaster.iv.ImpliedVol;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decides the unit of a chain's vendor IV values. Where the source's convention is not known, the vendor values
 * are compared with our own Black vols inverted from the same rows' prices (forward taken as the row's
 * underlying price, no discounting: a few percent off, while the two units differ by 100x): a median ratio
 * above {@value #RATIO_SPLIT} is percent. Without prices to invert, the median value decides
 * ({@value #MAGNITUDE_SPLIT} splits 0.1..1.5 decimal from 10..150 percent).
 */
final class IvUnitDetector {

    /** The geometric middle of 1 (decimal) and 100 (percent). */
    static final double RATIO_SPLIT = 10;
    static final double MAGNITUDE_SPLIT = 4;
    private static final int MAX_SAMPLES = 256;
    private static final int MIN_SAMPLES = 3;
    private static final double MIN_YEARS = Act365F.yearsOfDays(2);
    private static final double MAX_ABS_LOG_MONEYNESS = 0.3;

    /** The unit, how it was decided ({@link IvUnitNote#basis()}) and the evidence. */
    record Decision(IvUnit unit, String basis, String evidence) {
    }

    private IvUnitDetector() {
    }

    /**
     * @param rule the chain's rule (the first row's)
     * @param rows the chain's rows
     * @param spot the session's spot, for rows without an underlying price; NaN when unknown
     * @return null when no row has a vendor IV above zero (nothing to decide)
     */
    static Decision decide(IvUnitRule rule, List<RawRow> rows, double spot) {
        if (rows.stream().noneMatch(r -> r.vendorIv() > 0)) {
            return null;
        }
        if (rule.known() != null) {
            return new Decision(rule.known(), rule.basis(), null);
        }
        double[] ratios = new double[MAX_SAMPLES];
        int n = 0;
        for (RawRow r : rows) {
            if (n == MAX_SAMPLES) {
                break;
            }
            double own = ownVol(r, spot);
            if (own > 0.01 && r.vendorIv() > 0) {
                ratios[n++] = r.vendorIv() / own;
            }
        }
        if (n >= MIN_SAMPLES) {
            double m = median(Arrays.copyOf(ratios, n));
            return new Decision(m >= RATIO_SPLIT ? IvUnit.PERCENT : IvUnit.DECIMAL, "detected",
                    String.format(Locale.ROOT, "median vendor/own IV ratio %.3g over %d quotes", m, n));
        }
        double[] values = rows.stream().mapToDouble(RawRow::vendorIv).filter(v -> v > 0).toArray();
        double m = median(values);
        return new Decision(m >= MAGNITUDE_SPLIT ? IvUnit.PERCENT : IvUnit.DECIMAL, "detected by magnitude",
                String.format(Locale.ROOT, "median value %.3g over %d quotes, too few prices to invert (layout "
                        + "documents %s: %s)", m, values.length, rule.fallback().label(), rule.basis()));
    }

    /** Our Black vol of a near-the-money OTM row with a price and a few days to run; NaN otherwise. */
    private static double ownVol(RawRow r, double spot) {
        double f = Double.isNaN(r.underlyingPrice()) ? spot : r.underlyingPrice();
        double p = r.referencePrice();
        if (!(f > 0) || !(p > 0) || !(r.strike() > 0)) {
            return Double.NaN;
        }
        boolean call = r.type() == OptionType.CALL;
        double k = Math.log(r.strike() / f);
        if (Math.abs(k) > MAX_ABS_LOG_MONEYNESS || (call ? k < 0 : k > 0)) {
            return Double.NaN;
        }
        double t = Act365F.years(r.snapshot(), r.expiryInstant());
        if (t < MIN_YEARS) {
            return Double.NaN;
        }
        double usd = r.unit() == PriceUnit.UNDERLYING ? p * f : p;
        try {
            ImpliedVol v = BlackImpliedVolatility.impliedVol(usd, f, r.strike(), t, call);
            return v.isOk() ? v.vol() : Double.NaN;
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
