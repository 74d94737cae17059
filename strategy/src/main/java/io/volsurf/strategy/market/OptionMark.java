package io.volsurf.strategy.market;

import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.forecaster.market.OptionQuote;

/**
 * A contract as the market shows it in one session: its mark, carry and implied vol.
 *
 * @param key           the contract
 * @param quote         the session's quote; null when the contract was not quoted
 * @param maturityYears time to expiry from the session's snapshot, ACT/365F ({@code > 0})
 * @param forward       forward for the expiry, USD
 * @param discount      discount factor to the expiry
 * @param rate          continuously compounded rate implied by the discount factor, per year
 * @param dividendYield carry yield {@code r - ln(F/S)/T}, per year
 * @param priceUsd      mark: the quote's reference price (mid, else mark, else last) in USD per unit, or the
 *                      model price at {@code impliedVol} when not quoted
 * @param impliedVol    implied vol (decimal); NaN when none could be found
 * @param ivSource      where {@code impliedVol} came from; null when NaN
 */
public record OptionMark(ContractKey key, OptionQuote quote, double maturityYears, double forward, double discount,
        double rate, double dividendYield, double priceUsd, double impliedVol, IvSource ivSource) {

    /** True when the mark has a usable implied vol. */
    public boolean hasVol() {
        return impliedVol > 0 && Double.isFinite(impliedVol);
    }

    /** Log-moneyness {@code ln(K/F)}. */
    public double logMoneyness() {
        return Math.log(key.strike() / forward);
    }

    /** Calendar days to expiry. */
    public double daysToExpiry() {
        return Act365F.days(maturityYears);
    }
}
