package io.volsurf.forecaster.ingest;

import io.volsurf.forecaster.market.OptionQuote;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One underlying's option chain in one trading session: the accepted quotes and the rejected rows.
 *
 * @param underlying     underlying symbol, upper case
 * @param session        the trading session
 * @param snapshot       when the chain was observed (US end-of-day: the session's close)
 * @param spot           underlying price at the snapshot, USD; NaN only when no quote was accepted
 * @param spotSource     where {@code spot} came from; null when {@code spot} is NaN
 * @param quotes         accepted quotes
 * @param rejects        rejected rows attributed to this chain
 * @param sourceFile     the file read
 * @param collectionDate the date the data was collected on (us-options folder date); equal to
 *                       {@code session} unless the data was collected on a non-session day
 * @param format         the layout the file was read as
 */
public record SessionChain(String underlying, LocalDate session, Instant snapshot, double spot,
        SpotSource spotSource, List<OptionQuote> quotes, List<Reject> rejects, String sourceFile,
        LocalDate collectionDate, ChainFormat format) {

    public SessionChain {
        if (underlying == null || session == null || snapshot == null) {
            throw new IllegalArgumentException("underlying, session and snapshot are required");
        }
        if (!quotes.isEmpty() && (!(spot > 0) || Double.isInfinite(spot))) {
            throw new IllegalArgumentException("spot must be positive for " + underlying + " " + session);
        }
        quotes = List.copyOf(quotes);
        rejects = List.copyOf(rejects);
    }

    /** Number of distinct expiries among the accepted quotes. */
    public long expiryCount() {
        return quotes.stream().map(OptionQuote::expiry).distinct().count();
    }
}
