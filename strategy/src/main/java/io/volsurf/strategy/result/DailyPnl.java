package io.volsurf.strategy.result;

import java.time.LocalDate;

/**
 * The book's PnL over one session (previous close to this close), USD.
 *
 * @param date               the session
 * @param ticker             underlying
 * @param totalPnl           change in portfolio value: {@code markToMarketPnl + tradingPnl}
 * @param markToMarketPnl    PnL of the positions carried from the previous close (the attribution total)
 * @param tradingPnl         PnL of this session's fills against the marks (minus spread and commissions;
 *                           early-exercise differences)
 * @param tradingBookPnl     mark-to-market PnL of the trading legs alone: the unhedged book
 * @param hedgePnl           mark-to-market PnL of the hedge option and the underlying
 * @param commissionsUsd     commissions paid this session
 * @param spreadCostUsd      spread paid against the marks this session
 * @param cumulativePnl      total PnL since the start of the run
 * @param portfolioValueUsd  cash plus positions at their marks
 * @param cashUsd            cash
 * @param portfolioDelta     book delta after the session's trades, units of underlying
 * @param portfolioGamma     book gamma, units of underlying per USD
 * @param portfolioVega      book vega, USD per unit vol
 * @param portfolioTheta     book theta, USD per year
 * @param trades             number of fills this session
 * @param openTrades         open trade ideas after the session
 */
public record DailyPnl(LocalDate date, String ticker, double totalPnl, double markToMarketPnl, double tradingPnl,
        double tradingBookPnl, double hedgePnl, double commissionsUsd, double spreadCostUsd, double cumulativePnl,
        double portfolioValueUsd, double cashUsd, double portfolioDelta, double portfolioGamma, double portfolioVega,
        double portfolioTheta, int trades, int openTrades) {
}
