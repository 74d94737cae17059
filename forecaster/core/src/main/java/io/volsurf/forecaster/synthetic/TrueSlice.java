package io.volsurf.forecaster.synthetic;

import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;

/**
 * The true smile of one synthetic expiry on one session: the quotes were priced from it.
 *
 * @param ticker        underlying
 * @param session       session
 * @param expiry        expiry date
 * @param maturityYears time to expiry, ACT/365F from the session close to the 16:00 New York expiry
 * @param spot          spot at the close, USD
 * @param forward       forward {@code S e^{(r - q) T}}, USD
 * @param svi           raw SVI parameters of the total variance (from the session's SSVI surface)
 */
public record TrueSlice(String ticker, LocalDate session, LocalDate expiry, double maturityYears, double spot,
        double forward, SviParams svi) {
}
