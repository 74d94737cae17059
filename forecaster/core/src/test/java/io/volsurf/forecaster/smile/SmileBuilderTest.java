package io.volsurf.forecaster.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.forward.ForwardMethod;
import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.iv.BlackImpliedVolatility;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmileBuilderTest {

    private static final LocalDate SESSION = LocalDate.of(2026, 1, 2);
    private static final Instant SNAPSHOT = Instant.parse("2026-01-02T21:00:00Z");
    private static final Instant EXPIRY = SNAPSHOT.plus(Duration.ofDays(60));
    private static final double FORWARD = 100;
    private static final double DISCOUNT = 0.99;

    @Test
    void referenceBidAndAskVolsAreTheInvertedPricesAndAMissingSideHasNoVol() {
        double t = Duration.between(SNAPSHOT, EXPIRY).getSeconds() / (365.0 * 86_400);
        List<OptionQuote> quotes = new ArrayList<>();
        for (int strike = 80; strike <= 120; strike += 2) {
            OptionType type = strike >= FORWARD ? OptionType.CALL : OptionType.PUT;
            double bid = DISCOUNT * BlackFormula.price(FORWARD, strike, 0.29, t, type == OptionType.CALL);
            double ask = DISCOUNT * BlackFormula.price(FORWARD, strike, 0.31, t, type == OptionType.CALL);
            double mark = DISCOUNT * BlackFormula.price(FORWARD, strike, 0.30, t, type == OptionType.CALL);
            quotes.add(quote(strike, type, strike == 110 ? Double.NaN : bid, ask, mark));
        }
        ExpiryForward forward = new ExpiryForward(EXPIRY.atZone(java.time.ZoneOffset.UTC).toLocalDate(), t, FORWARD,
                DISCOUNT, ForwardMethod.PARITY, 10, 0, 0);
        MarketSmile smile = new SmileBuilder().build(forward, quotes);
        assertEquals(quotes.size(), smile.points().size(), "dropped: " + smile.dropped());
        for (SmilePoint p : smile.points()) {
            boolean isCall = p.type() == OptionType.CALL;
            if (p.strike() == 110) {
                assertTrue(Double.isNaN(p.bidVol()), "no bid, no bid vol");
                assertEquals(0.30, p.vol(), 1e-12, "the mark is the reference without a bid");
            } else {
                double mid = 0.5 * (DISCOUNT * BlackFormula.price(FORWARD, p.strike(), 0.29, t, isCall)
                        + DISCOUNT * BlackFormula.price(FORWARD, p.strike(), 0.31, t, isCall));
                assertEquals(BlackImpliedVolatility.impliedVol(mid / DISCOUNT, FORWARD, p.strike(), t, isCall).vol(),
                        p.vol(), 1e-15, "reference vol at " + p.strike());
                assertEquals(0.29, p.bidVol(), 1e-12, "bid vol at " + p.strike());
            }
            assertEquals(0.31, p.askVol(), 1e-12, "ask vol at " + p.strike());
        }
    }

    private static OptionQuote quote(double strike, OptionType type, double bid, double ask, double mark) {
        return new OptionQuote("SYN", SESSION, SNAPSHOT, EXPIRY.atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                EXPIRY, strike, type, bid, ask, Double.NaN, mark, PriceUnit.QUOTE_CURRENCY, Double.NaN, 10, 100, FORWARD,
                Double.NaN, Double.NaN);
    }
}
