package io.volsurf.forecaster.eval;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

/**
 * Per scored pair (ticker-session) and forecaster, the sum of squared vol-point errors on the target's observed
 * cells, which are the same cells for every forecaster: what per-date tests, the block bootstrap and the per-gap
 * tables are built from.
 *
 * @param forecasters names, the model first, then the baselines in evaluation order
 * @param tickers     per pair its ticker
 * @param latest      per pair the session the forecast was made at the close of
 * @param targets     per pair the session forecast
 * @param sse         {@code sse[forecaster][pair]}, squared vol points
 * @param cells       per pair the number of scored cells
 */
public record PairLosses(List<String> forecasters, List<String> tickers, List<LocalDate> latest,
        List<LocalDate> targets, double[][] sse, long[] cells) {

    public PairLosses {
        forecasters = List.copyOf(forecasters);
        tickers = List.copyOf(tickers);
        latest = List.copyOf(latest);
        targets = List.copyOf(targets);
        int n = targets.size();
        if (tickers.size() != n || latest.size() != n || cells.length != n || sse.length != forecasters.size()) {
            throw new IllegalArgumentException("PairLosses: sizes differ");
        }
        for (double[] row : sse) {
            if (row.length != n) {
                throw new IllegalArgumentException("PairLosses: sse row of " + row.length + " pairs, expected " + n);
            }
        }
    }

    /** The row index of a forecaster by name. */
    public int indexOf(String forecaster) {
        int i = forecasters.indexOf(forecaster);
        if (i < 0) {
            throw new IllegalArgumentException("no forecaster named " + forecaster + " in " + forecasters);
        }
        return i;
    }

    /** The distinct target dates in order. */
    public List<LocalDate> dates() {
        return targets.stream().distinct().sorted().toList();
    }

    /** Per target date (ascending), the sum over that date's pairs of a forecaster's squared errors. */
    public double[] sseByDate(String forecaster) {
        double[] row = sse[indexOf(forecaster)];
        TreeMap<LocalDate, Double> sums = new TreeMap<>();
        for (int i = 0; i < row.length; i++) {
            sums.merge(targets.get(i), row[i], Double::sum);
        }
        return sums.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
