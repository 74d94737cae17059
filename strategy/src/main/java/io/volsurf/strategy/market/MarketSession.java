package io.volsurf.strategy.market;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.VolatilitySource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One underlying's market at the close of one session: what the strategy sees when it decides.
 *
 * @param ticker        underlying, upper case
 * @param session       the trading session
 * @param asOf          snapshot instant (maturities are measured from it, ACT/365F)
 * @param spot          underlying price, USD ({@code > 0})
 * @param quotes        the accepted quotes (bid/ask NaN where absent; Deribit premiums in coin, see {@code usd()})
 * @param forwards      per listed expiry the forward and discount factor (e.g. from put-call parity); an expiry
 *                      without one uses {@code rate} and {@code dividendYield}
 * @param marketVols    the session's fitted surface (e.g. {@link SurfaceVolatility}), used for a contract whose
 *                      quote gives no implied vol; null when there is none
 * @param rate          fallback continuously compounded rate, decimal per year
 * @param dividendYield fallback continuous dividend (carry) yield, decimal per year
 * @param exerciseStyle AMERICAN for US equity options, EUROPEAN for Deribit
 */
public record MarketSession(String ticker, LocalDate session, Instant asOf, double spot, List<OptionQuote> quotes,
        Map<LocalDate, ExpiryForward> forwards, VolatilitySource marketVols, double rate, double dividendYield,
        ExerciseStyle exerciseStyle) {

    public MarketSession {
        if (ticker == null || ticker.isBlank()) {
            throw new IllegalArgumentException("ticker must not be blank");
        }
        if (session == null || asOf == null || exerciseStyle == null) {
            throw new IllegalArgumentException("session, asOf and exerciseStyle are required (" + ticker + ")");
        }
        if (!(spot > 0) || Double.isInfinite(spot)) {
            throw new IllegalArgumentException("spot must be finite and > 0 for " + ticker + " " + session
                    + ", got " + spot);
        }
        if (!Double.isFinite(rate) || !Double.isFinite(dividendYield)) {
            throw new IllegalArgumentException("rate and dividendYield must be finite for " + ticker + " " + session);
        }
        quotes = List.copyOf(quotes);
        forwards = Map.copyOf(forwards);
    }

    /**
     * A session from an ingested chain and its forwards.
     *
     * @param forwards per-expiry forwards (duplicates by expiry: the first wins)
     */
    public static MarketSession of(SessionChain chain, List<ExpiryForward> forwards, VolatilitySource marketVols,
            double rate, double dividendYield, ExerciseStyle exerciseStyle) {
        Map<LocalDate, ExpiryForward> byExpiry = forwards.stream()
                .collect(Collectors.toMap(ExpiryForward::expiry, Function.identity(), (a, b) -> a));
        return new MarketSession(chain.underlying(), chain.session(), chain.snapshot(), chain.spot(), chain.quotes(),
                byExpiry, marketVols, rate, dividendYield, exerciseStyle);
    }

    /** True when at least one quote has both a bid and an ask (Deribit); false for last-price-only data (US). */
    public boolean hasBidAsk() {
        for (OptionQuote q : quotes) {
            if (q.hasBidAsk()) {
                return true;
            }
        }
        return false;
    }
}
