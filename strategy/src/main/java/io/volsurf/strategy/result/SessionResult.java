package io.volsurf.strategy.result;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything one session of a backtest produced, handed to the listener as soon as the session is done.
 *
 * @param sessionIndex       0-based position of the session in the run
 * @param date               the session
 * @param ticker             underlying
 * @param trades             fills of the session, in execution order
 * @param positions          positions after the session's trades
 * @param dailyPnl           the session's PnL
 * @param attributions       per-position rows, then the portfolio row (absent on the first session)
 * @param forecastVsRealized the previous session's forecast against this session, per held contract
 * @param notes              human-readable warnings (early-exercise flags, skipped data)
 */
public record SessionResult(int sessionIndex, LocalDate date, String ticker, List<Trade> trades,
        List<PositionSnapshot> positions, DailyPnl dailyPnl, List<PnlAttribution> attributions,
        List<ForecastVsRealized> forecastVsRealized, List<String> notes) {

    public SessionResult {
        trades = List.copyOf(trades);
        positions = List.copyOf(positions);
        attributions = List.copyOf(attributions);
        forecastVsRealized = List.copyOf(forecastVsRealized);
        notes = List.copyOf(notes);
    }

    /** The portfolio attribution row; null on the first session. */
    public PnlAttribution portfolioAttribution() {
        for (PnlAttribution a : attributions) {
            if (a.scope() == AttributionScope.PORTFOLIO) {
                return a;
            }
        }
        return null;
    }
}
