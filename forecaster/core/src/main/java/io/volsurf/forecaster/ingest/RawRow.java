package io.volsurf.forecaster.ingest;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One parsed but not yet validated row, in the readers' common shape. Absent numbers are NaN;
 * {@code vendorIv} is the value as the file writes it (may be {@code <= 0}), in a unit {@code ivRule} decides
 * per chain; {@code underlyingPrice} may be NaN when the session's spot is to be inferred.
 */
record RawRow(long row, String underlying, LocalDate session, Instant snapshot, LocalDate expiry,
        Instant expiryInstant, double strike, OptionType type, double bid, double ask, double last, double mark,
        PriceUnit unit, double vendorIv, IvUnitRule ivRule, double volume, double openInterest,
        double underlyingPrice, double rate, double dividendYield) {

    /** Any positive premium: a bid, an ask, a last trade or a mark. */
    boolean hasPrice() {
        return bid > 0 || ask > 0 || last > 0 || mark > 0;
    }

    /** Best single premium (mid, else mark, else last, else a lone ask/bid); NaN when none. */
    double referencePrice() {
        if (bid >= 0 && ask > 0) {
            return 0.5 * (bid + ask);
        }
        if (mark > 0) {
            return mark;
        }
        if (last > 0) {
            return last;
        }
        return Double.NaN;
    }

    /** How much this row trades, for choosing between duplicates: open interest, then volume, then two-sidedness. */
    double liquidity() {
        double oi = Double.isNaN(openInterest) ? 0 : openInterest;
        double vol = Double.isNaN(volume) ? 0 : volume;
        return oi * 1e6 + vol + (bid > 0 && ask > 0 ? 0.5 : 0);
    }
}
