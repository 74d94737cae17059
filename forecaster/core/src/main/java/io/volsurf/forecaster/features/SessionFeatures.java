package io.volsurf.forecaster.features;

import java.time.LocalDate;

/**
 * Features of one underlying in one session (DB columns in brackets). Values that need history or data the session
 * lacks are NaN, as documented per field.
 *
 * @param ticker              underlying, upper case
 * @param session             the trading session
 * @param spot                underlying price, USD [spot]
 * @param logReturn           {@code ln(S_t / S_{t-1})} against the previous session fed; NaN for the first [log_return]
 * @param realizedVol5        realised vol of the last 5 log returns, annualised by the ACT/365F time between snapshots
 *                            (the clock of the implied vols); NaN before 5 returns [realized_vol_5]
 * @param realizedVol21       the same over 21 returns [realized_vol_21]
 * @param rateMinusDiv        carry {@code r - q = ln(F/S)/T}, decimal per year, median over expiries of at least 7 days
 *                            whose forward came from parity or the venue; NaN when none [rate_minus_div]
 * @param atmVol30d           implied vol at {@code k = 0}, 30 days, from the SVI slices (linear in total variance);
 *                            NaN when 30 days is outside the listed expiries [atm_vol_30d]
 * @param skew30d             {@code d sigma / dk} at {@code k = 0}, 30 days (vol per unit of log-moneyness; negative
 *                            for an equity skew) [skew_30d]
 * @param termSlope           ATM vol at 91 days minus ATM vol at 30 days (decimal vol) [term_slope]
 * @param volume              total contracts traded over the chain's accepted quotes [volume]
 * @param openInterest        total open interest over the chain's accepted quotes [open_interest]
 * @param medianSpreadVol     median bid-ask spread in implied vol (ask vol - bid vol, decimal) over the fitted quotes;
 *                            NaN without two-sided quotes (us-options) [median_spread_vol]
 * @param modelFreeVix        30-day model-free implied volatility from the chain by the CBOE VIX method, decimal
 *                            (0.18 = a VIX of 18); NaN when no expiry brackets or reaches 30 days [model_free_vix]
 * @param nextSessionGapDays  calendar days to the next session of the exchange calendar [next_session_gap_days]
 */
public record SessionFeatures(String ticker, LocalDate session, double spot, double logReturn, double realizedVol5,
        double realizedVol21, double rateMinusDiv, double atmVol30d, double skew30d, double termSlope, double volume,
        double openInterest, double medianSpreadVol, double modelFreeVix, int nextSessionGapDays) {
}
