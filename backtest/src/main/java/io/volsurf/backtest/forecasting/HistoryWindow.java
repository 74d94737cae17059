package io.volsurf.backtest.forecasting;

import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.sample.SampleAssembler;
import io.volsurf.forecaster.sample.SurfaceHistory;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The last {@code N} stored sessions of a ticker up to an as-of session and the session a forecast made at its close
 * is for: what {@code forecast} on the command line and {@code /api/v1/surface} both feed the model, so that they
 * forecast the same surface for the same next session.
 *
 * @param sessions    the window, oldest first, ending with the as-of session
 * @param nextSession the session the forecast is for, by the ticker's trading calendar
 */
public record HistoryWindow(List<CanonicalSurface> sessions, LocalDate nextSession) {

    /** Calendar days read back when the short read holds too few sessions (long holidays, gaps in the data). */
    static final int LOOKBACK_DAYS = 120;

    public HistoryWindow {
        sessions = List.copyOf(sessions);
    }

    /** The as-of session, the window's last. */
    public CanonicalSurface latest() {
        return sessions.get(sessions.size() - 1);
    }

    /** The window as the model reads it. */
    public SurfaceHistory history() {
        return SampleAssembler.history(sessions, nextSession);
    }

    /**
     * Reads the window from the store: first the days that hold {@code N} sessions of a weekday market with a holiday
     * or two ({@code 2N + 10}), then {@link #LOOKBACK_DAYS} when those hold fewer.
     *
     * @throws ForecastingService.NoSuchElementException unknown ticker, no session on {@code asOf}, too few sessions
     */
    public static HistoryWindow read(MarketDataStore market, String ticker, LocalDate asOf, int window,
            GridSpec grid) {
        List<CanonicalSurface> upTo = market.surfaces(ticker, asOf.minusDays(2L * window + 10), asOf, grid);
        if (upTo.size() < window) {
            upTo = market.surfaces(ticker, asOf.minusDays(LOOKBACK_DAYS), asOf, grid);
        }
        return of(ticker, asOf, window, upTo, () -> market.lastSession(ticker),
                stored -> ForecastingService.calendarOf(market, ticker, stored));
    }

    /**
     * The window of {@code window} sessions ending on {@code asOf} out of {@code upTo} (stored sessions up to
     * {@code asOf}, in order).
     *
     * @param lastStored the ticker's latest stored session (null: none), asked only to say what is stored instead
     * @param calendar   the ticker's trading calendar, given the sessions read
     */
    static HistoryWindow of(String ticker, LocalDate asOf, int window, List<CanonicalSurface> upTo,
            Supplier<LocalDate> lastStored, Function<List<CanonicalSurface>, TradingCalendar> calendar) {
        if (upTo.isEmpty() || !upTo.get(upTo.size() - 1).session().equals(asOf)) {
            LocalDate last = lastStored.get();
            if (last == null) {
                throw unknownTicker(ticker);
            }
            throw new ForecastingService.NoSuchElementException(ticker + " has no stored session on " + asOf
                    + " (latest stored session: " + last + ")");
        }
        if (upTo.size() < window) {
            throw new ForecastingService.NoSuchElementException(ticker + " has " + upTo.size()
                    + " stored sessions up to " + asOf + " within " + LOOKBACK_DAYS + " days; the model needs N="
                    + window);
        }
        List<CanonicalSurface> sessions = upTo.subList(upTo.size() - window, upTo.size());
        return new HistoryWindow(sessions, calendar.apply(upTo).nextSession(asOf));
    }

    /** No surface of {@code ticker} is stored at all. */
    public static ForecastingService.NoSuchElementException unknownTicker(String ticker) {
        return new ForecastingService.NoSuchElementException("no stored surfaces for ticker " + ticker
                + " (ingest its chains first, or POST /api/v1/chains/" + ticker + ")");
    }
}
