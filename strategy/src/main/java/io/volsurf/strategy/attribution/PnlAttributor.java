package io.volsurf.strategy.attribution;

import io.volsurf.strategy.result.AttributionScope;
import io.volsurf.strategy.result.PnlAttribution;
import io.volsurf.strategy.result.PositionRole;
import io.volsurf.strategy.result.PositionSnapshot;
import java.time.LocalDate;
import java.util.List;

/**
 * Daily PnL attribution (see {@link PnlAttribution} for the definitions). Pure functions: the residual is the
 * remainder, so the identity {@code delta + gamma + vega + theta + residual = total} holds to rounding on every
 * row, and the forecast split sums to the vega term to rounding.
 */
public final class PnlAttributor {

    /**
     * Attributes one position's PnL from the previous close to now.
     *
     * @param previous      the position at the previous close (quantity, Greeks, IV, forecast for now)
     * @param date          the session now
     * @param priceNowUsd   the position's mark now per unit of underlying (intrinsic value if it expired)
     * @param spotNowUsd    underlying price now
     * @param impliedVolNow market IV now (decimal); NaN when there is none (expired): the vega term is then 0
     * @param dtYears       years between the two snapshots, ACT/365F ({@code >= 0})
     */
    public PnlAttribution attribute(PositionSnapshot previous, LocalDate date, double priceNowUsd, double spotNowUsd,
            double impliedVolNow, double dtYears) {
        if (!Double.isFinite(priceNowUsd) || !Double.isFinite(spotNowUsd) || !(dtYears >= 0)) {
            throw new IllegalArgumentException("priceNowUsd, spotNowUsd must be finite and dtYears >= 0 for "
                    + previous.contract() + " on " + date + ": " + priceNowUsd + ", " + spotNowUsd + ", " + dtYears);
        }
        double size = previous.quantity() * previous.multiplier();
        double dS = spotNowUsd - previous.spotUsd();
        double total = size * (priceNowUsd - previous.priceUsd());
        double delta = size * previous.delta() * dS;
        double gamma = 0.5 * size * previous.gamma() * dS * dS;
        double theta = size * previous.theta() * dtYears;
        double vega = 0.0;
        double predicted = 0.0;
        double error = 0.0;
        if (previous.role() != PositionRole.UNDERLYING && Double.isFinite(impliedVolNow)) {
            double vegaSize = size * previous.vega();
            vega = vegaSize * (impliedVolNow - previous.impliedVol());
            if (Double.isFinite(previous.forecastIvNext())) {
                predicted = vegaSize * (previous.forecastIvNext() - previous.impliedVol());
                error = vegaSize * (impliedVolNow - previous.forecastIvNext());
            } else {
                error = vega; // no forecast: "no change" was predicted
            }
        }
        double residual = total - (delta + gamma + vega + theta);
        return new PnlAttribution(date, previous.ticker(), AttributionScope.POSITION, previous.tradeId(),
                previous.role(), previous.contract(), total, delta, gamma, vega, theta, residual, predicted, error);
    }

    /** The portfolio row: the sum of position rows, residual again the remainder. All zero when the list is empty. */
    public PnlAttribution portfolio(LocalDate date, String ticker, List<PnlAttribution> positions) {
        double total = 0, delta = 0, gamma = 0, vega = 0, theta = 0, predicted = 0, error = 0;
        for (PnlAttribution p : positions) {
            total += p.total();
            delta += p.delta();
            gamma += p.gamma();
            vega += p.vega();
            theta += p.theta();
            predicted += p.forecastPredicted();
            error += p.forecastError();
        }
        double residual = total - (delta + gamma + vega + theta);
        return new PnlAttribution(date, ticker, AttributionScope.PORTFOLIO, 0L, null, null, total, delta, gamma, vega,
                theta, residual, predicted, error);
    }
}
