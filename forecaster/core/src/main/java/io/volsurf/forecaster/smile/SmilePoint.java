package io.volsurf.forecaster.smile;

import io.volsurf.forecaster.market.OptionType;

/**
 * One out-of-the-money quote of a smile, in implied volatility.
 *
 * @param strike        strike, USD
 * @param logMoneyness  {@code k = ln(K/F)}
 * @param type          the option used (put below the forward, call above)
 * @param vol           implied vol (decimal) of the mid, or of the reference price (mark / last) when one-sided
 * @param bidVol        implied vol of the bid; NaN when there is no positive bid or it is not invertible
 * @param askVol        implied vol of the ask; NaN when there is no ask or it is not invertible
 * @param vendorVol     the vendor's implied vol (decimal); NaN when missing
 * @param vegaUsd       undiscounted Black vega at {@code vol}, USD per unit of vol
 * @param volume        session volume (NaN when absent)
 * @param openInterest  open interest (NaN when absent)
 */
public record SmilePoint(double strike, double logMoneyness, OptionType type, double vol, double bidVol,
        double askVol, double vendorVol, double vegaUsd, double volume, double openInterest) {

    /** Half the bid-ask spread in vol, {@code (askVol - bidVol)/2}; NaN unless both exist. */
    public double halfSpreadVol() {
        return 0.5 * (askVol - bidVol);
    }

    /** Total implied variance {@code w = vol^2 T} for maturity {@code maturityYears}. */
    public double totalVariance(double maturityYears) {
        return vol * vol * maturityYears;
    }
}
