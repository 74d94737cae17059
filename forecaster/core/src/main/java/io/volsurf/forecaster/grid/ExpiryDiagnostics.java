package io.volsurf.forecaster.grid;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.smile.QuoteDropReason;
import io.volsurf.forecaster.svi.SviFit;
import java.util.Map;

/**
 * What happened to one listed expiry of a session on the way to the surface.
 *
 * @param forward               forward, discount and maturity, and how they were found
 * @param usableQuotes          out-of-the-money quotes left after filtering (those fitted)
 * @param dropped               out-of-the-money quotes left out, by reason
 * @param fit                   the butterfly-free SVI fit; null when the expiry has too few usable quotes or
 *                              is too short
 * @param vendorGapVolPoints    median |our mid IV - vendor IV| over the fitted quotes with a vendor IV, in vol
 *                              points; NaN when no vendor IV
 * @param medianHalfSpreadVol   median half bid-ask spread in vol (decimal) over the fitted quotes; NaN without
 *                              two-sided quotes
 */
public record ExpiryDiagnostics(ExpiryForward forward, int usableQuotes, Map<QuoteDropReason, Integer> dropped,
        SviFit fit, double vendorGapVolPoints, double medianHalfSpreadVol) {

    public ExpiryDiagnostics {
        dropped = Map.copyOf(dropped);
    }

    public boolean fitted() {
        return fit != null;
    }
}
