package io.volsurf.backtest.app;

import java.time.LocalDate;

/**
 * The dates any command or endpoint accepts: 1900-01-01 to 2200-12-31. ISO parsing alone admits years to
 * +/-999,999,999, beyond PostgreSQL's date range (4713 BC to 5874897 AD) and beyond what date arithmetic
 * ({@code minusDays}) survives; no option chain is dated outside these bounds, so anything outside is a typo.
 */
public final class DateBounds {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2200, 12, 31);

    private DateBounds() {
    }

    /** Null when {@code d} lies inside the bounds, else the reason (without the option's name). */
    public static String outside(LocalDate d) {
        if (d.isBefore(EARLIEST) || d.isAfter(LATEST)) {
            return "must lie between " + EARLIEST + " and " + LATEST + ", got " + d;
        }
        return null;
    }
}
