package io.volsurf.backtest.cli;

import io.volsurf.strategy.backtest.BacktestSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run's PnL came from, in words for {@code backtest} and {@code report}: theta, gamma, vega as the forecast
 * predicted it and the forecast's error, costs (said to be assumed where fills were modelled), the rest; and the
 * forecast's skill on the run's own contracts against carry-forward. A Sharpe earned by selling options (theta,
 * costs assumed) is then not read as forecast skill.
 */
final class PnlSources {
    private PnlSources() {
    }

    static List<String> lines(BacktestSummary s) {
        var e = s.evaluation();
        return lines(s.totalPnl(), s.deltaPnl(), s.gammaPnl(), s.thetaPnl(), e.forecastPredictedPnl(),
                e.forecastErrorPnl(), s.residualPnl(), s.costsUsd(), s.otherTradingPnl(),
                costSource(s.fillsQuoted(), s.fillsAssumed()),
                e.contractsCompared(), e.rmseVolPoints(), e.carryForwardRmseVolPoints());
    }

    /** From a {@code run_summary} row (camelCase keys); empty when the run has no stored summary. */
    static List<String> lines(Map<String, Object> row) {
        if (!(row.get("deltaPnl") instanceof Number)) {
            return List.of();
        }
        return lines(d(row, "totalPnl"), d(row, "deltaPnl"), d(row, "gammaPnl"), d(row, "thetaPnl"),
                d(row, "vegaPredictedPnl"), d(row, "vegaForecastErrorPnl"), d(row, "residualPnl"), d(row, "costs"),
                d(row, "otherTradingPnl"), costSource(row.get("halfSpreadSource")),
                row.get("forecastContracts") instanceof Number n ? n.longValue() : 0L, d(row, "forecastRmseVolPoints"),
                d(row, "carryForwardRmseVolPoints"));
    }

    /**
     * Where the option fills' half-spread came from, as {@code run_summary.half_spread_source} says it: "quoted"
     * (bid/ask in the data), "assumed" (the configured half-spread), "quoted+assumed", or null without option fills.
     */
    static String halfSpreadSource(long quoted, long assumed) {
        if (assumed > 0) {
            return quoted > 0 ? "quoted+assumed" : "assumed";
        }
        return quoted > 0 ? "quoted" : null;
    }

    static String costSource(long quoted, long assumed) {
        if (assumed == 0) {
            return quoted == 0 ? "no option fills" : "option fills at quoted bid/ask";
        }
        return quoted == 0 ? "assumed half-spread on every option fill"
                : "assumed half-spread on " + assumed + " of " + (quoted + assumed) + " option fills, the rest quoted";
    }

    private static String costSource(Object halfSpreadSource) {
        return switch (String.valueOf(halfSpreadSource)) {
            case "quoted" -> "option fills at quoted bid/ask";
            case "assumed" -> "assumed half-spread on every option fill";
            case "quoted+assumed" -> "assumed half-spread on some option fills, the rest quoted";
            default -> "no option fills";
        };
    }

    private static double d(Map<String, Object> row, String key) {
        return row.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static List<String> lines(double total, double delta, double gamma, double theta, double vegaPredicted,
            double vegaError, double residual, double costs, double other, String costSource, long contracts,
            double rmse, double carryRmse) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "where the PnL came from: theta %.2f, gamma %.2f, vega as forecast %.2f, "
                + "vega forecast error %.2f, delta %.2f, residual %.2f, costs -%.2f (%s), exercise/settlement "
                + "vs marks %.2f; total %.2f", theta, gamma, vegaPredicted, vegaError, delta, residual, costs,
                costSource, other, total));
        if (contracts > 0 && Double.isFinite(rmse) && Double.isFinite(carryRmse) && carryRmse > 0) {
            double ratio = rmse / carryRmse;
            out.add(String.format(Locale.ROOT, "forecast skill on its %d held-contract forecasts: RMSE %.3f vol pts "
                    + "vs carry-forward %.3f (ratio %.3f: %s)", contracts, rmse, carryRmse, ratio,
                    ratio < 1 ? "better than carry-forward" : "no better than carry-forward; PnL here is not forecast skill"));
        } else {
            out.add("forecast skill: no held contract was compared with its realised IV");
        }
        return out;
    }
}
