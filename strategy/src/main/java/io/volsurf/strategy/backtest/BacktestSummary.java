package io.volsurf.strategy.backtest;

import io.volsurf.strategy.config.HedgeMode;
import io.volsurf.strategy.config.InstrumentKind;
import java.time.LocalDate;

/**
 * What a run adds up to. PnL in USD. Sharpe: mean over standard deviation (n - 1) of the daily total PnL,
 * times {@code sqrt(sessionsPerYear)}: a PnL Sharpe without a capital base (0 with fewer than two sessions or
 * no variation). Max drawdown: the largest fall of cumulative PnL from its running peak (>= 0). Hedging
 * error: per session the portfolio's {@code delta + gamma + residual} attribution (the PnL that the hedges
 * should have removed: spot moves and higher orders); its standard deviation here. Hedged and unhedged PnL
 * standard deviations are of mark-to-market PnL (costs excluded) of the whole book and of the trading legs
 * alone, so one run shows what its hedges did.
 *
 * @param ticker                underlying
 * @param hedgeMode             NONE, DELTA, DELTA_GAMMA
 * @param instrument            SINGLE or STRADDLE
 * @param sessions              sessions run
 * @param firstSession          first session
 * @param lastSession           last session
 * @param totalPnl              sum of daily total PnL
 * @param sharpe                annualised PnL Sharpe
 * @param maxDrawdown           max drawdown of cumulative PnL, USD
 * @param hedgeErrorStd         standard deviation of the daily hedging error, USD
 * @param turnoverUsd           premium notional traded in options (trading legs and hedge option), USD
 * @param hedgeTurnoverUsd      notional traded in the underlying, USD
 * @param trades                fills (settlements and exercises included)
 * @param commissionsUsd        commissions paid
 * @param spreadCostUsd         spread paid against marks
 * @param hedgedPnlStd          std of the whole book's daily mark-to-market PnL
 * @param unhedgedPnlStd        std of the trading legs' daily mark-to-market PnL
 * @param fillsQuoted           option fills at a quoted bid/ask
 * @param fillsAssumed          option fills at price +/- the assumed half-spread
 * @param fillDisclosure        the sentence reports must print when any fill was modelled; null when none was
 * @param earlyExerciseFlags    position-sessions flagged deep in the money (American)
 * @param earlyExercises        positions exercised or assigned early
 * @param deltaPnl              summed portfolio delta attribution
 * @param gammaPnl              summed gamma attribution
 * @param vegaPnl               summed vega attribution
 * @param thetaPnl              summed theta attribution
 * @param residualPnl           summed residual
 * @param maxIdentityError      largest relative identity error over every attribution row
 * @param evaluation            the evaluation hooks
 */
public record BacktestSummary(String ticker, HedgeMode hedgeMode, InstrumentKind instrument, int sessions,
        LocalDate firstSession, LocalDate lastSession, double totalPnl, double sharpe, double maxDrawdown,
        double hedgeErrorStd, double turnoverUsd, double hedgeTurnoverUsd, long trades, double commissionsUsd,
        double spreadCostUsd, double hedgedPnlStd, double unhedgedPnlStd, long fillsQuoted, long fillsAssumed,
        String fillDisclosure, long earlyExerciseFlags, long earlyExercises, double deltaPnl, double gammaPnl,
        double vegaPnl, double thetaPnl, double residualPnl, double maxIdentityError, EvaluationSummary evaluation) {

    /** What trading cost: commissions plus spread paid against marks, USD (positive). */
    public double costsUsd() {
        return commissionsUsd + spreadCostUsd;
    }

    /**
     * PnL of fills against marks beyond their costs (exercises and settlements at intrinsic against the mark), so
     * that delta + gamma + vega + theta + residual - costs + this = total.
     */
    public double otherTradingPnl() {
        return totalPnl - (deltaPnl + gammaPnl + vegaPnl + thetaPnl + residualPnl) + costsUsd();
    }
}
