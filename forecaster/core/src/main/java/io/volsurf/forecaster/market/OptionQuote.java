package io.volsurf.forecaster.market;

import io.volsurf.forecaster.calendar.Act365F;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One validated option quote of an end-of-day chain. Absent prices are {@code NaN}, never zero.
 * Premiums are kept as the vendor quoted them ({@link #priceUnit}); {@link #usd(double)} converts.
 *
 * @param underlying      underlying symbol, upper case
 * @param session         trading session the quote belongs to
 * @param snapshot        when the quote was observed (US end-of-day: the session's close, 16:00 New York)
 * @param expiry          expiry date
 * @param expiryInstant   when the option expires (US: 16:00 New York; Deribit: 08:00 UTC); after {@code snapshot}
 * @param strike          strike price, quote currency (USD), {@code > 0}
 * @param type            call or put
 * @param bid             best bid, in {@code priceUnit}; NaN when there is none
 * @param ask             best ask, in {@code priceUnit}; NaN when there is none
 * @param last            last trade price, in {@code priceUnit}; NaN when absent (may be stale)
 * @param mark            vendor mark / settlement price, in {@code priceUnit}; NaN when absent
 * @param priceUnit       unit of bid, ask, last and mark
 * @param vendorIv        the vendor's implied volatility, decimal (0.20 = 20%); NaN when missing or {@code <= 0}
 * @param volume          traded contracts in the session (24 h for Deribit); NaN when absent
 * @param openInterest    open contracts; NaN when absent
 * @param underlyingPrice underlying price for this row, USD: the spot for equities; for Deribit this
 *                        expiry's index/forward; {@code > 0}
 * @param rate            continuously compounded risk-free rate, decimal per year; NaN when not given
 * @param dividendYield   continuously compounded dividend (or carry) yield, decimal per year; NaN when not given
 */
public record OptionQuote(String underlying, LocalDate session, Instant snapshot, LocalDate expiry,
        Instant expiryInstant, double strike, OptionType type, double bid, double ask, double last, double mark,
        PriceUnit priceUnit, double vendorIv, double volume, double openInterest, double underlyingPrice,
        double rate, double dividendYield) {


    public OptionQuote {
        if (underlying == null || underlying.isBlank()) {
            throw new IllegalArgumentException("underlying must not be blank");
        }
        underlying = underlying.trim().toUpperCase(java.util.Locale.ROOT);
        if (session == null || snapshot == null || expiry == null || expiryInstant == null || type == null
                || priceUnit == null) {
            throw new IllegalArgumentException("session, snapshot, expiry, expiryInstant, type and priceUnit are "
                    + "required for " + underlying);
        }
        if (!expiryInstant.isAfter(snapshot)) {
            throw new IllegalArgumentException("expiryInstant " + expiryInstant + " is not after snapshot " + snapshot);
        }
        requirePositive("strike", strike);
        requirePositive("underlyingPrice", underlyingPrice);
        requireNonNegativeOrNaN("bid", bid);
        requireNonNegativeOrNaN("ask", ask);
        requireNonNegativeOrNaN("last", last);
        requireNonNegativeOrNaN("mark", mark);
        requireNonNegativeOrNaN("volume", volume);
        requireNonNegativeOrNaN("openInterest", openInterest);
        if (bid > ask) {
            throw new IllegalArgumentException("crossed quote: bid " + bid + " > ask " + ask);
        }
        if (Double.isInfinite(rate) || Double.isInfinite(dividendYield)) {
            throw new IllegalArgumentException("rate and dividendYield must be finite or NaN");
        }
        // Vendors write 0 or negative IVs for "not computed": keep them as missing.
        if (!(vendorIv > 0) || Double.isInfinite(vendorIv)) {
            vendorIv = Double.NaN;
        }
    }

    private static void requirePositive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be positive and finite, got " + v);
        }
    }

    private static void requireNonNegativeOrNaN(String field, double v) {
        if (v < 0 || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be >= 0 or NaN (absent), got " + v);
        }
    }

    /** Time to expiry in years, ACT/365F with intraday precision: {@code (expiryInstant - snapshot) / 365 days}. */
    public double maturityYears() {
        return Act365F.years(snapshot, expiryInstant);
    }

    /** True when both a bid and an ask are present (a zero bid counts as present: "no bid" is NaN). */
    public boolean hasBidAsk() {
        return !Double.isNaN(bid) && !Double.isNaN(ask);
    }

    /** Mid price {@code (bid + ask) / 2} in {@code priceUnit}; NaN unless both sides are present. */
    public double mid() {
        return hasBidAsk() ? 0.5 * (bid + ask) : Double.NaN;
    }

    /**
     * The best single price for this quote in {@code priceUnit}: the mid when two-sided, else the
     * mark, else the last trade; NaN when none exists.
     */
    public double referencePrice() {
        if (hasBidAsk() && ask > 0) {
            return mid();
        }
        if (!Double.isNaN(mark)) {
            return mark;
        }
        return last;
    }

    /** Converts a premium in {@code priceUnit} to USD (coin premiums times this row's underlying price). */
    public double usd(double premium) {
        return priceUnit == PriceUnit.UNDERLYING ? premium * underlyingPrice : premium;
    }

    /** Bid in USD; NaN when absent. */
    public double bidUsd() {
        return usd(bid);
    }

    /** Ask in USD; NaN when absent. */
    public double askUsd() {
        return usd(ask);
    }

    /** Mid in USD; NaN unless two-sided. */
    public double midUsd() {
        return usd(mid());
    }

    /** {@link #referencePrice()} in USD. */
    public double referencePriceUsd() {
        return usd(referencePrice());
    }

    /** Log-moneyness {@code k = ln(K / F)} against a forward {@code F} (USD). */
    public double logMoneyness(double forward) {
        return Math.log(strike / forward);
    }

    /** True for a put with {@code K < F} or a call with {@code K >= F}. */
    public boolean isOutOfTheMoney(double forward) {
        return type == OptionType.CALL ? strike >= forward : strike < forward;
    }
}
