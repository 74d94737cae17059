package io.volsurf.forecaster.ingest;

import io.volsurf.forecaster.market.OptionType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Infers a missing spot from the chain: on the nearest expiry with at least a day to run,
 * {@code F = K + C - P} for the call/put pairs closest to the money (smallest {@code |C - P|}), and
 * the median of up to five such estimates. Used as the spot: the carry error {@code (r - q) T S}
 * is a few cents on a weekly. The median shrugs off a stale last price or two.
 */
final class ParitySpotEstimator {

    private static final int PAIRS = 5;
    private static final double MIN_DAYS = 0.9;

    private ParitySpotEstimator() {
    }

    static double estimate(List<RawRow> rows) {
        TreeMap<LocalDate, Map<Double, double[]>> byExpiry = new TreeMap<>();
        for (RawRow r : rows) {
            double p = r.referencePrice();
            if (!(p > 0)) {
                continue;
            }
            double days = Duration.between(r.snapshot(), r.expiryInstant()).toMinutes() / 1440.0;
            if (days < MIN_DAYS) {
                continue;
            }
            double[] cp = byExpiry.computeIfAbsent(r.expiry(), e -> new HashMap<>())
                    .computeIfAbsent(r.strike(), k -> new double[] {Double.NaN, Double.NaN});
            cp[r.type() == OptionType.CALL ? 0 : 1] = p;
        }
        for (Map<Double, double[]> strikes : byExpiry.values()) {
            List<double[]> pairs = new ArrayList<>();
            for (Map.Entry<Double, double[]> e : strikes.entrySet()) {
                double[] cp = e.getValue();
                if (!Double.isNaN(cp[0]) && !Double.isNaN(cp[1])) {
                    pairs.add(new double[] {Math.abs(cp[0] - cp[1]), e.getKey() + cp[0] - cp[1]});
                }
            }
            if (pairs.size() < 3) {
                continue;
            }
            pairs.sort((x, y) -> Double.compare(x[0], y[0]));
            int n = Math.min(PAIRS, pairs.size());
            double[] forwards = new double[n];
            for (int i = 0; i < n; i++) {
                forwards[i] = pairs.get(i)[1];
            }
            Arrays.sort(forwards);
            double f = forwards[n / 2];
            if (f > 0) {
                return f;
            }
        }
        return Double.NaN;
    }
}
