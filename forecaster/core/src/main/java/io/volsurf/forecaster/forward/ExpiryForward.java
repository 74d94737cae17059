package io.volsurf.forecaster.forward;

import java.time.LocalDate;

/**
 * The forward and discount factor of one expiry in one session.
 *
 * @param expiry        expiry date
 * @param maturityYears time to expiry, ACT/365F from the snapshot (intraday precision)
 * @param forward       forward price of the underlying for this expiry, USD
 * @param discount      discount factor {@code D(T)} from the snapshot to expiry (dimensionless, about
 *                      {@code e^{-rT}})
 * @param method        how forward and discount were obtained
 * @param pairsUsed     call/put pairs left in the parity fit after outlier rejection (0 unless parity)
 * @param pairsRejected call/put pairs dropped as outliers (stale prices) by the robust fit
 * @param residualUsd   root-mean-square parity residual {@code (C - P) - D (F - K)} over the pairs used,
 *                      USD per share; NaN unless parity
 */
public record ExpiryForward(LocalDate expiry, double maturityYears, double forward, double discount,
        ForwardMethod method, int pairsUsed, int pairsRejected, double residualUsd) {

    public ExpiryForward {
        if (expiry == null || method == null) {
            throw new IllegalArgumentException("expiry and method are required");
        }
        if (!(maturityYears > 0) || Double.isInfinite(maturityYears)) {
            throw new IllegalArgumentException("maturityYears must be finite and > 0, got " + maturityYears);
        }
        if (!(forward > 0) || Double.isInfinite(forward)) {
            throw new IllegalArgumentException("forward must be finite and > 0 for " + expiry + ", got " + forward);
        }
        if (!(discount > 0) || Double.isInfinite(discount)) {
            throw new IllegalArgumentException("discount must be finite and > 0 for " + expiry + ", got " + discount);
        }
    }

    /** Continuously compounded rate implied by the discount factor, {@code -ln(D)/T}, decimal per year. */
    public double impliedRate() {
        return -Math.log(discount) / maturityYears;
    }

    /** Continuously compounded carry {@code r - q = ln(F/S)/T} implied against a spot, decimal per year. */
    public double impliedCarry(double spot) {
        return Math.log(forward / spot) / maturityYears;
    }

    /** Log-moneyness {@code k = ln(K/F)} of a strike (USD). */
    public double logMoneyness(double strike) {
        return Math.log(strike / forward);
    }

    /** The strike (USD) at log-moneyness {@code k}: {@code K = F e^k}. */
    public double strikeAt(double logMoneyness) {
        return forward * Math.exp(logMoneyness);
    }
}
