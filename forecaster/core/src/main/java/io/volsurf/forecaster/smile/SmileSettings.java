package io.volsurf.forecaster.smile;

import io.volsurf.forecaster.calendar.Act365F;

/**
 * Settings of {@link SmileBuilder}: how quotes are filtered into a smile. The defaults are stated in
 * relative or volatility units so that they hold for an equity index (vol about 15%) and for bitcoin (about 50%).
 *
 * @param minMaturityYears   expiries shorter than this get no smile (an intraday option's IV is dominated
 *                           by noise and the overnight gap)
 * @param minQuotes          fewest filtered quotes for an SVI fit (five parameters)
 * @param tickUsd            the price tick of USD-quoted options
 * @param tickCoin           the price tick of coin-quoted options, in coin
 * @param maxVolPerTick      a quote whose vega makes one tick worth more than this in vol (decimal) is dropped
 * @param maxStdDevs         quotes beyond {@code |k| > maxStdDevs * atmVol * sqrt(T)} are dropped
 * @param spikeAbsVol        a quote differing from its neighbours' median vol by more than
 *                           {@code spikeAbsVol + spikeRelVol * median} is a spike (decimal vol)
 * @param spikeRelVol        see spikeAbsVol
 * @param outlierRobustSds   after the first fit, residuals beyond this many robust sds (and beyond
 *                           {@code spikeAbsVol}) are dropped and the slice refitted
 * @param halfSpreadFloorVol floor on the half-spread in vol used in spread weights (decimal vol)
 */
public record SmileSettings(double minMaturityYears, int minQuotes, double tickUsd, double tickCoin,
        double maxVolPerTick, double maxStdDevs, double spikeAbsVol, double spikeRelVol, double outlierRobustSds,
        double halfSpreadFloorVol) {

    public SmileSettings {
        if (!(minMaturityYears >= 0) || minQuotes < 5 || !(tickUsd > 0) || !(tickCoin > 0) || !(maxVolPerTick > 0)
                || !(maxStdDevs > 0) || !(spikeAbsVol > 0) || !(spikeRelVol >= 0) || !(outlierRobustSds > 1)
                || !(halfSpreadFloorVol > 0)) {
            throw new IllegalArgumentException("smile settings out of range: " + "minMaturityYears >= 0, minQuotes "
                    + ">= 5 and positive ticks, limits and floors are required");
        }
    }

    /**
     * One day minimum maturity, 5 quotes, ticks of 1 cent and 0.0001 coin, a tick worth at most 5 vol points,
     * 5 ATM standard deviations, spikes beyond 3 vol points + 25% of the level, fit outliers beyond 5 robust sds,
     * half-spread floor 0.25 vol points.
     */
    public static SmileSettings defaults() {
        return new SmileSettings(Act365F.yearsOfDays(1), 5, 0.01, 0.0001, 0.05, 5.0, 0.03, 0.25, 5.0, 0.0025);
    }
}
