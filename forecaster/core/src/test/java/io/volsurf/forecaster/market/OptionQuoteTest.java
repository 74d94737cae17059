package io.volsurf.forecaster.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OptionQuoteTest {

    private static OptionQuote quote(double strike, double bid, double ask, double underlying, String expiry) {
        return new OptionQuote("spy", LocalDate.of(2026, 7, 6), Instant.parse("2026-07-06T20:00:00Z"),
                LocalDate.parse(expiry.substring(0, 10)), Instant.parse(expiry), strike, OptionType.CALL, bid, ask,
                Double.NaN, Double.NaN, PriceUnit.QUOTE_CURRENCY, -1, 10, 100, underlying, Double.NaN, Double.NaN);
    }

    @Test
    void maturityIsAct365FWithIntradayPrecision() {
        OptionQuote q = quote(700, 1, 2, 700, "2026-07-07T08:00:00Z");
        assertEquals(12.0 / (365 * 24), q.maturityYears(), 1e-15);
        assertEquals("SPY", q.underlying());
        assertTrue(Double.isNaN(q.vendorIv()), "IV <= 0 is missing");
        assertEquals(1.5, q.mid());
    }

    @Test
    void logMoneynessRoundTrip() {
        OptionQuote q = quote(735, 1, 2, 700, "2026-08-07T20:00:00Z");
        double f = 702.5;
        double k = q.logMoneyness(f);
        assertEquals(q.strike(), f * Math.exp(k), 1e-10);
        assertTrue(q.isOutOfTheMoney(f));
    }

    @Test
    void coinPremiumsConvertWithTheRowsUnderlying() {
        OptionQuote q = new OptionQuote("BTC", LocalDate.of(2026, 7, 4), Instant.parse("2026-07-04T12:00:00Z"),
                LocalDate.of(2026, 7, 24), Instant.parse("2026-07-24T08:00:00Z"), 56000, OptionType.PUT, 0.007,
                0.0075, Double.NaN, 0.0074, PriceUnit.UNDERLYING, 0.45, 1, 1, 62586.53, Double.NaN, Double.NaN);
        assertEquals(0.007 * 62586.53, q.bidUsd(), 1e-12);
        assertEquals(0.00725 * 62586.53, q.referencePriceUsd(), 1e-9);
    }

    @Test
    void badValuesNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> quote(-1, 1, 2, 700, "2026-08-07T20:00:00Z"));
        assertTrue(e.getMessage().contains("strike"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> quote(700, 3, 2, 700, "2026-08-07T20:00:00Z"));
        assertTrue(e.getMessage().contains("crossed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> quote(700, 1, 2, 0, "2026-08-07T20:00:00Z"));
        assertTrue(e.getMessage().contains("underlyingPrice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> quote(700, 1, 2, 700, "2026-07-06T19:00:00Z"));
        assertTrue(e.getMessage().contains("expiryInstant"), e.getMessage());
        assertEquals(OptionType.PUT, OptionType.parse(" put "));
        assertThrows(IllegalArgumentException.class, () -> OptionType.parse("X"));
        assertEquals(OptionType.CALL, OptionType.parse("C", "--type"));
        e = assertThrows(IllegalArgumentException.class, () -> OptionType.parse("straddle", "--type"));
        assertEquals("--type must be call or put (or C/P), got 'straddle'", e.getMessage());
    }
}
