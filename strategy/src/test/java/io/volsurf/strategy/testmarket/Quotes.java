package io.volsurf.strategy.testmarket;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.strategy.market.MarketSession;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Hand-made quotes for unit tests. */
public final class Quotes {
    public static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    public static final Instant AS_OF = GeneratedMarket.close(DAY);

    private Quotes() {
    }

    /** A USD quote expiring {@code days} after {@link #DAY} at the same clock time. */
    public static OptionQuote quote(int days, double strike, OptionType type, double bid, double ask, double last,
            double spot) {
        LocalDate expiry = DAY.plusDays(days);
        return new OptionQuote("TST", DAY, AS_OF, expiry, GeneratedMarket.close(expiry), strike, type, bid, ask, last,
                Double.NaN, PriceUnit.QUOTE_CURRENCY, Double.NaN, 10, 100, spot, Double.NaN, Double.NaN);
    }

    /** A Deribit-style quote: premiums in coin. */
    public static OptionQuote coinQuote(int days, double strike, OptionType type, double bidCoin, double askCoin,
            double markCoin, double spot) {
        LocalDate expiry = DAY.plusDays(days);
        return new OptionQuote("BTC", DAY, AS_OF, expiry, GeneratedMarket.close(expiry), strike, type, bidCoin, askCoin,
                Double.NaN, markCoin, PriceUnit.UNDERLYING, Double.NaN, 10, 100, spot, Double.NaN, Double.NaN);
    }

    public static MarketSession session(double spot, List<OptionQuote> quotes, ExerciseStyle style) {
        return new MarketSession("TST", DAY, AS_OF, spot, quotes, Map.of(), null, 0.0, 0.0, style);
    }
}
