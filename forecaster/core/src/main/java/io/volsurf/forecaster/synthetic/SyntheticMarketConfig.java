package io.volsurf.forecaster.synthetic;

import java.time.LocalDate;
import java.util.List;

/**
 * Parameters of a synthetic market. Spot and variance follow a Heston-like model (Euler, full
 * truncation) per session of {@code 1/252} year; the implied surface is SSVI with ATM total
 * variance {@code theta(T) = vLong T + (v_t - vLong)(1 - e^{-lambda T}) / lambda}, skew {@code rho_t}
 * and curvature {@code eta_t} (power law, {@code gamma = 1/2}) mean-reverting and shocked with the spot.
 *
 * @param tickers               underlyings to generate, upper case
 * @param start                 first session (or the next NYSE session after it)
 * @param days                  number of sessions
 * @param seed                  random seed: the same seed gives byte-identical files
 * @param spot0                 initial spot, USD
 * @param variance0             initial instantaneous variance (vol^2 per year)
 * @param longRunVariance       mean-reversion level of the variance
 * @param kappa                 variance mean-reversion speed, per year
 * @param volOfVariance         volatility of the variance (Heston xi)
 * @param leverage              correlation between spot and variance shocks ({@code < 0}: leverage effect)
 * @param rate                  risk-free rate, continuously compounded, per year
 * @param dividendYield         dividend yield, continuously compounded, per year
 * @param termDecayPerYear      lambda: how fast the term structure reverts to the long-run variance
 * @param meanSkew              long-run SSVI rho
 * @param meanEta               long-run SSVI eta (kept below the no-butterfly bound {@code 2/(1+|rho|)})
 * @param halfSpreadVol         ATM half bid-ask spread in implied vol (decimal); wider in the wings
 * @param missingStrikeProbability chance that a strike is not listed on a session
 * @param badRowsPerSession     invalid rows injected per file (0 to 3: negative price, crossed quote,
 *                              unparseable strike)
 * @param effects               real-market structure switched on (common factor, weekend variance, scheduled events,
 *                              quote noise); {@link MarketEffects#NONE} for the plain market
 */
public record SyntheticMarketConfig(List<String> tickers, LocalDate start, int days, long seed, double spot0,
        double variance0, double longRunVariance, double kappa, double volOfVariance, double leverage, double rate,
        double dividendYield, double termDecayPerYear, double meanSkew, double meanEta, double halfSpreadVol,
        double missingStrikeProbability, int badRowsPerSession, MarketEffects effects) {

    public SyntheticMarketConfig {
        tickers = List.copyOf(tickers);
        if (effects == null) {
            throw new IllegalArgumentException("effects must not be null (MarketEffects.NONE for none)");
        }
        if (tickers.isEmpty()) {
            throw new IllegalArgumentException("tickers must not be empty");
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, got " + days);
        }
        if (!(spot0 > 0) || !(variance0 > 0) || !(longRunVariance > 0) || !(kappa >= 0) || !(volOfVariance >= 0)) {
            throw new IllegalArgumentException("spot0, variance0, longRunVariance must be > 0 and kappa, "
                    + "volOfVariance >= 0");
        }
        if (Math.abs(leverage) > 1 || Math.abs(meanSkew) >= 1) {
            throw new IllegalArgumentException("leverage and meanSkew must lie in (-1, 1)");
        }
        if (!(meanEta > 0) || meanEta * (1 + Math.abs(meanSkew)) >= 2) {
            throw new IllegalArgumentException("meanEta must satisfy 0 < eta (1 + |rho|) < 2 (no butterfly arbitrage)");
        }
        if (!(missingStrikeProbability >= 0 && missingStrikeProbability < 1)) {
            throw new IllegalArgumentException("missingStrikeProbability must be in [0, 1)");
        }
        if (badRowsPerSession < 0 || badRowsPerSession > 3) {
            throw new IllegalArgumentException("badRowsPerSession must be 0..3, got " + badRowsPerSession);
        }
        if (!(termDecayPerYear > 0) || !(halfSpreadVol > 0)) {
            throw new IllegalArgumentException("termDecayPerYear and halfSpreadVol must be > 0");
        }
    }

    /** The plain market, without {@link MarketEffects}. */
    public SyntheticMarketConfig(List<String> tickers, LocalDate start, int days, long seed, double spot0,
            double variance0, double longRunVariance, double kappa, double volOfVariance, double leverage, double rate,
            double dividendYield, double termDecayPerYear, double meanSkew, double meanEta, double halfSpreadVol,
            double missingStrikeProbability, int badRowsPerSession) {
        this(tickers, start, days, seed, spot0, variance0, longRunVariance, kappa, volOfVariance, leverage, rate,
                dividendYield, termDecayPerYear, meanSkew, meanEta, halfSpreadVol, missingStrikeProbability,
                badRowsPerSession, MarketEffects.NONE);
    }

    /** An equity-index-like market: spot 500, 18% vol, strong leverage, one ticker {@code SYN}. */
    public static SyntheticMarketConfig defaults(int days, long seed) {
        return new SyntheticMarketConfig(List.of("SYN"), LocalDate.of(2025, 1, 2), days, seed, 500.0, 0.18 * 0.18,
                0.20 * 0.20, 3.0, 0.5, -0.7, 0.04, 0.013, 2.0, -0.45, 0.9, 0.004, 0.05, 3);
    }

    /** The same market for other tickers (each gets its own random stream and starting spot). */
    public SyntheticMarketConfig withTickers(List<String> names) {
        return new SyntheticMarketConfig(names, start, days, seed, spot0, variance0, longRunVariance, kappa,
                volOfVariance, leverage, rate, dividendYield, termDecayPerYear, meanSkew, meanEta, halfSpreadVol,
                missingStrikeProbability, badRowsPerSession, effects);
    }

    /** The same market with another variance mean-reversion speed (per year) and volatility of variance. */
    public SyntheticMarketConfig withVarianceDynamics(double meanReversion, double volatilityOfVariance) {
        return new SyntheticMarketConfig(tickers, start, days, seed, spot0, variance0, longRunVariance, meanReversion,
                volatilityOfVariance, leverage, rate, dividendYield, termDecayPerYear, meanSkew, meanEta, halfSpreadVol,
                missingStrikeProbability, badRowsPerSession, effects);
    }

    /** The same market starting on another date. */
    public SyntheticMarketConfig withStart(LocalDate date) {
        return new SyntheticMarketConfig(tickers, date, days, seed, spot0, variance0, longRunVariance, kappa,
                volOfVariance, leverage, rate, dividendYield, termDecayPerYear, meanSkew, meanEta, halfSpreadVol,
                missingStrikeProbability, badRowsPerSession, effects);
    }

    /** The same market with these effects switched on (and the others off). */
    public SyntheticMarketConfig withEffects(MarketEffects e) {
        return new SyntheticMarketConfig(tickers, start, days, seed, spot0, variance0, longRunVariance, kappa,
                volOfVariance, leverage, rate, dividendYield, termDecayPerYear, meanSkew, meanEta, halfSpreadVol,
                missingStrikeProbability, badRowsPerSession, e);
    }
}
