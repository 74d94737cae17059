package io.volsurf.forecaster.eval;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A listed option of the session a forecast is for, with what pricing it needs from that session: the realised
 * forward and discount of its expiry and its market prices in USD.
 *
 * @param maturityYears time to expiry from that session's close, years
 * @param strike        strike, USD
 * @param call          true for a call
 * @param forward       the session's forward for the expiry (realised, not forecast), USD
 * @param discount      the session's discount factor to the expiry
 * @param bidUsd        bid in USD, NaN when absent
 * @param askUsd        ask in USD, NaN when absent
 * @param priceUsd      the market price: mid when two-sided, else the mark, else the last trade (USD)
 */
public record ListedOption(double maturityYears, double strike, boolean call, double forward, double discount,
        double bidUsd, double askUsd, double priceUsd) {

    /** The option of {@code quote} priced against {@code forward}; null when it has no price or no maturity. */
    public static ListedOption of(OptionQuote quote, ExpiryForward forward) {
        double t = quote.maturityYears();
        double price = quote.referencePriceUsd();
        if (!(t > 0) || !(price > 0) || !Double.isFinite(price) || !(forward.forward() > 0)
                || !(forward.discount() > 0)) {
            return null;
        }
        return new ListedOption(t, quote.strike(), quote.type() == OptionType.CALL, forward.forward(),
                forward.discount(), quote.bidUsd(), quote.askUsd(), price);
    }

    /** A session's priceable options: each quote with its expiry's forward, in quote order (unpriceable ones left out). */
    public static List<ListedOption> listed(List<OptionQuote> quotes, Map<LocalDate, ExpiryForward> forwards) {
        List<ListedOption> out = new ArrayList<>();
        for (OptionQuote q : quotes) {
            ExpiryForward f = forwards.get(q.expiry());
            ListedOption o = f == null ? null : of(q, f);
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    /** Log-moneyness {@code ln(K / F)}. */
    public double logMoneyness() {
        return Math.log(strike / forward);
    }

    /** Out of the money against the realised forward (calls above it, puts below): the liquid side. */
    public boolean outOfTheMoney() {
        return call ? strike >= forward : strike <= forward;
    }

    /** Both a bid and a positive ask: a spread to land inside. */
    public boolean hasSpread() {
        return bidUsd >= 0 && askUsd > 0 && askUsd >= bidUsd;
    }
}
