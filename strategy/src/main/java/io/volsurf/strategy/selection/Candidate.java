package io.volsurf.strategy.selection;

import java.util.List;

/**
 * A trade the forecast argues for. Vols are vega-weighted over the legs (a straddle's call and put).
 *
 * @param legs          one option or a straddle's call and put
 * @param direction     +1 buy (forecast IV above market), -1 sell
 * @param marketIv      market IV at t (decimal)
 * @param forecastIv    forecast IV for t+1 (decimal)
 * @param halfSpreadVol half-spread in vol terms: half-spread USD / vega (decimal)
 * @param excessVol     {@code |forecastIv - marketIv| - halfSpreadVol - threshold} (decimal, {@code > 0})
 */
public record Candidate(List<CandidateLeg> legs, int direction, double marketIv, double forecastIv,
        double halfSpreadVol, double excessVol) {
    public Candidate {
        legs = List.copyOf(legs);
    }

    /** Forecast minus market IV (decimal). */
    public double gapVol() {
        return forecastIv - marketIv;
    }

    /** Vega of one contract of every leg, USD per vol point (per unit vol / 100, times the multiplier). */
    public double unitVegaUsdPerVolPoint(double multiplier) {
        double v = 0;
        for (CandidateLeg l : legs) {
            v += l.greeks().vega();
        }
        return v * multiplier / 100.0;
    }
}
