package io.volsurf.forecaster.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Where a market's sessions sit in time: its calendar, the time zone, the regular close (the
 * snapshot time of end-of-day data) and the time of day at which its options expire. Maturities
 * are ACT/365F between such instants, so intraday differences count.
 *
 * @param calendar    the exchange calendar
 * @param zone        the exchange's time zone
 * @param close       regular close, local time
 * @param earlyClose  close on early-close days, local time
 * @param expiryTime  time of day at which options expire, local time
 */
public record SessionClock(TradingCalendar calendar, ZoneId zone, LocalTime close, LocalTime earlyClose,
        LocalTime expiryTime) {

    /** US equity and ETF options: NYSE calendar, 16:00 New York close and PM expiry. */
    public static final SessionClock US_EQUITY = new SessionClock(new NyseCalendar(),
            ZoneId.of("America/New_York"), LocalTime.of(16, 0), LocalTime.of(13, 0), LocalTime.of(16, 0));

    /** Deribit: trades every day; options expire at 08:00 UTC. Snapshots carry their own time. */
    public static final SessionClock DERIBIT = new SessionClock(new ContinuousCalendar(), ZoneOffset.UTC,
            LocalTime.of(0, 0), LocalTime.of(0, 0), LocalTime.of(8, 0));

    public SessionClock {
        if (calendar == null || zone == null || close == null || earlyClose == null || expiryTime == null) {
            throw new IllegalArgumentException("SessionClock fields must not be null");
        }
    }

    /** The close of {@code session} as an instant (the snapshot time of end-of-day data). */
    public Instant closeInstant(LocalDate session) {
        LocalTime t = calendar.isEarlyClose(session) ? earlyClose : close;
        return session.atTime(t).atZone(zone).toInstant();
    }

    /** The instant at which an option expiring on {@code expiry} expires. */
    public Instant expiryInstant(LocalDate expiry) {
        return expiry.atTime(expiryTime).atZone(zone).toInstant();
    }

    /** The session a snapshot instant belongs to: its local date in the exchange's zone. */
    public LocalDate sessionOf(Instant snapshot) {
        return snapshot.atZone(zone).toLocalDate();
    }
}
