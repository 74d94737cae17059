package io.volsurf.forecaster.grid;

import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;

/**
 * One listed expiry's fitted smile in a session: where it was quoted and its SVI fit.
 *
 * @param expiry        the expiry date
 * @param maturityYears time to expiry from the snapshot, ACT/365F (intraday precision where known)
 * @param forward       the forward implied for this expiry
 * @param svi           the butterfly-free SVI fit, in total variance
 * @param minK          smallest quoted log-moneyness used in the fit
 * @param maxK          largest quoted log-moneyness used in the fit
 * @param quotes        number of quotes in the fit
 * @param rmseVolPoints fit RMSE in vol points (1.0 = 0.01 implied vol)
 */
public record SmileSlice(LocalDate expiry, double maturityYears, double forward, SviParams svi, double minK,
        double maxK, int quotes, double rmseVolPoints) {
}
