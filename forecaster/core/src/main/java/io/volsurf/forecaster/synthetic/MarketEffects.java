package io.volsurf.forecaster.synthetic;

/**
 * Structure of real option markets that the synthetic market can switch on, each on its own; {@link #NONE} keeps the
 * plain market (and its files) exactly as without it.
 *
 * @param commonFactorShare  share of the variance of every ticker's spot, variance and skew shocks that comes from
 *                           one factor common to all tickers, in [0, 1] (0: independent tickers)
 * @param weekendWeight      variance a non-trading day carries relative to a session, in (0, 1]: the true surfaces
 *                           accrue total variance per business day (1: calendar time, as without it)
 * @param eventEverySessions sessions between one ticker's scheduled events (earnings-like), 0 for none; the first
 *                           falls at a random phase per ticker
 * @param eventVariance      total variance (decimal vol squared, not annualised) an event adds to every expiry after
 *                           it until it passes; realised as a spot jump on the event's session
 * @param quoteNoiseVol      standard deviation (decimal vol) of the noise on each strike's quoted price, the same
 *                           for its call and put, independent across strikes and sessions
 * @param sliceNoiseVol      standard deviation (decimal vol) of a shift of a whole expiry's quotes on one session
 */
public record MarketEffects(double commonFactorShare, double weekendWeight, int eventEverySessions,
        double eventVariance, double quoteNoiseVol, double sliceNoiseVol) {

    /** None of the effects: the plain generated market. */
    public static final MarketEffects NONE = new MarketEffects(0, 1, 0, 0, 0, 0);

    public MarketEffects {
        if (!(commonFactorShare >= 0 && commonFactorShare <= 1)) {
            throw new IllegalArgumentException("common_factor_share must lie in [0, 1], got " + commonFactorShare);
        }
        if (!(weekendWeight > 0 && weekendWeight <= 1)) {
            throw new IllegalArgumentException("weekend_weight must lie in (0, 1], got " + weekendWeight);
        }
        if (eventEverySessions < 0 || eventEverySessions == 1) {
            throw new IllegalArgumentException("event_every_sessions must be 0 (no events) or >= 2, got "
                    + eventEverySessions);
        }
        if (!(eventVariance >= 0 && eventVariance < 1)) {
            throw new IllegalArgumentException("event_variance must lie in [0, 1), got " + eventVariance);
        }
        if (!(quoteNoiseVol >= 0 && quoteNoiseVol < 0.5) || !(sliceNoiseVol >= 0 && sliceNoiseVol < 0.5)) {
            throw new IllegalArgumentException("quote_noise_vol and slice_noise_vol must lie in [0, 0.5), got "
                    + quoteNoiseVol + " and " + sliceNoiseVol);
        }
    }

    /** True when scheduled events are switched on. */
    public boolean hasEvents() {
        return eventEverySessions > 0 && eventVariance > 0;
    }

    /** True when quotes carry measurement noise. */
    public boolean hasNoise() {
        return quoteNoiseVol > 0 || sliceNoiseVol > 0;
    }

    public MarketEffects withCommonFactorShare(double share) {
        return new MarketEffects(share, weekendWeight, eventEverySessions, eventVariance, quoteNoiseVol, sliceNoiseVol);
    }

    public MarketEffects withWeekendWeight(double weight) {
        return new MarketEffects(commonFactorShare, weight, eventEverySessions, eventVariance, quoteNoiseVol,
                sliceNoiseVol);
    }

    public MarketEffects withEvents(int everySessions, double variance) {
        return new MarketEffects(commonFactorShare, weekendWeight, everySessions, variance, quoteNoiseVol,
                sliceNoiseVol);
    }

    public MarketEffects withNoise(double quoteVol, double sliceVol) {
        return new MarketEffects(commonFactorShare, weekendWeight, eventEverySessions, eventVariance, quoteVol,
                sliceVol);
    }
}
