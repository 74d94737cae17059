package io.volsurf.forecaster.baseline;

import io.volsurf.forecaster.calendar.BusinessTime;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.SurfaceReading;
import io.volsurf.forecaster.sample.TrainingSample;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Sticky-expiry in business time that carries scheduled events (earnings) apart from the diffusive variance.
 *
 * <p>No calendar of events is known: an event shows as a jump of the ATM forward variance between two adjacent listed
 * expiries (the rate per business day of the bracket well above that of its neighbours), and it is one only when the
 * previous session shows a jump in an overlapping bracket too (a one-session jump is more likely a bad fit). Its
 * variance {@code J} (the bracket's excess over its neighbours' rate) belongs to every expiry after the bracket and
 * does not decay as the days pass: tomorrow an expiry holds its diffusive variance carried as in
 * {@link BusinessTimeStickyExpiryForecaster} plus {@code J}, unless the event falls in the gap to the next session. The
 * date inside the bracket is unknown, so it is taken as equally likely on each of the bracket's sessions still to come,
 * and the forecast keeps {@code J} times the chance that the event is still ahead tomorrow (none once the bracket's
 * last expiry is on or before the next session).
 *
 * @param theta weight of a non-trading day in [0, 1], as {@link BusinessTimeStickyExpiryForecaster}'s; chosen on
 *              training pairs by {@link #fit}
 */
public record EventVarianceStickyExpiryForecaster(double theta) implements SurfaceForecaster {

    /** Report name; fixed (evaluate's JSON). */
    public static final String NAME = "eventVarianceStickyExpiry";

    /** A bracket's rate must be at least this multiple of its neighbours' to hold an event. */
    static final double MIN_RATE_RATIO = 1.5;

    /** ... and its excess at least this many business days of the neighbours' rate. */
    static final double MIN_EXCESS_DAYS = 2.0;

    /** Only brackets of adjacent expiries at most this many calendar days apart (weeklies) can hold an event. */
    static final int MAX_BRACKET_DAYS = 10;

    /** Brackets ending beyond this many calendar days are not searched (only weeklies separate events). */
    static final int HORIZON_DAYS = 70;

    /** Neighbouring brackets on each side whose median rate is a bracket's normal rate. */
    private static final int NEIGHBOURS = 2;

    public EventVarianceStickyExpiryForecaster {
        if (!(theta >= 0 && theta <= 1)) {
            throw new IllegalArgumentException("business-time theta must lie in [0, 1], got " + theta);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * An event found on one session's term structure: between the expiries {@code after} (exclusive; the session
     * itself for the first listed expiry) and {@code until} (inclusive), of total variance {@code variance}.
     */
    public record Event(LocalDate after, LocalDate until, double variance) {

        boolean overlaps(Event o) {
            return after.isBefore(o.until) && o.after.isBefore(until);
        }
    }

    /** The theta on the grid 0, 0.05, ..., 1 with the lowest RMSE on {@code training}'s targets; ties to the larger. */
    public static EventVarianceStickyExpiryForecaster fit(List<TrainingSample> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("training: no pairs to choose the business-time theta on");
        }
        double bestTheta = 1.0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = BusinessTimeStickyExpiryForecaster.GRID_STEPS; i >= 0; i--) {
            double theta = (double) i / BusinessTimeStickyExpiryForecaster.GRID_STEPS;
            double rmse = BusinessTimeStickyExpiryForecaster.rmseVolPoints(
                    new EventVarianceStickyExpiryForecaster(theta), training);
            if (rmse < best - 1e-12) {
                best = rmse;
                bestTheta = theta;
            }
        }
        return new EventVarianceStickyExpiryForecaster(bestTheta);
    }

    /** The events of the history's latest session that its previous session shows too. */
    public List<Event> persistentEvents(SurfaceHistory history, TradingCalendar calendar) {
        List<CanonicalSurface> surfaces = history.surfaces();
        if (surfaces.size() < 2) {
            return List.of();
        }
        BusinessTime clock = new BusinessTime(calendar, theta);
        List<Event> today = events(surfaces.get(surfaces.size() - 1), clock);
        if (today.isEmpty()) {
            return today;
        }
        List<Event> before = events(surfaces.get(surfaces.size() - 2), clock);
        List<Event> out = new ArrayList<>();
        for (Event e : today) {
            if (before.stream().anyMatch(e::overlaps)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The jumps of one session's ATM forward variance between adjacent listed expiries. */
    static List<Event> events(CanonicalSurface surface, BusinessTime clock) {
        LocalDate session = surface.session();
        List<SmileSlice> slices = surface.slices().stream()
                .filter(s -> s.maturityYears() > 0 && s.expiry().isAfter(session)).toList();
        int n = slices.size();
        if (n < 3) {
            return List.of();
        }
        LocalDate[] from = new LocalDate[n];
        double[] variance = new double[n];
        double[] days = new double[n];
        double[] rate = new double[n];
        double previous = 0;
        for (int i = 0; i < n; i++) {
            from[i] = i == 0 ? session : slices.get(i - 1).expiry();
            double w = slices.get(i).svi().totalVariance(0.0);
            variance[i] = w - previous;
            days[i] = clock.between(from[i], slices.get(i).expiry());
            rate[i] = days[i] > 0 ? variance[i] / days[i] : Double.NaN;
            previous = w;
        }
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDate until = slices.get(i).expiry();
            if (ChronoUnit.DAYS.between(session, until) > HORIZON_DAYS) {
                break;
            }
            if (!(days[i] >= 1) || ChronoUnit.DAYS.between(from[i], until) > MAX_BRACKET_DAYS) {
                continue;
            }
            double normal = neighbourRate(rate, i);
            if (!(normal > 0)) {
                continue;
            }
            double excess = variance[i] - normal * days[i];
            if (rate[i] >= MIN_RATE_RATIO * normal && excess >= MIN_EXCESS_DAYS * normal) {
                out.add(new Event(from[i], until, excess));
            }
        }
        return out;
    }

    /** The median rate of up to {@link #NEIGHBOURS} brackets on each side of {@code i}. */
    private static double neighbourRate(double[] rate, int i) {
        List<Double> around = new ArrayList<>();
        for (int j = Math.max(0, i - NEIGHBOURS); j <= Math.min(rate.length - 1, i + NEIGHBOURS); j++) {
            if (j != i && Double.isFinite(rate[j])) {
                around.add(rate[j]);
            }
        }
        if (around.isEmpty()) {
            return Double.NaN;
        }
        around.sort(Double::compare);
        int m = around.size();
        return m % 2 == 1 ? around.get(m / 2) : 0.5 * (around.get(m / 2 - 1) + around.get(m / 2));
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        CanonicalSurface s = history.latest();
        LocalDate today = s.session();
        int gap = history.gapDaysToNext();
        LocalDate next = today.plusDays(gap);
        List<LocalDate> seen = new ArrayList<>();
        history.surfaces().forEach(h -> seen.add(h.session()));
        seen.add(next);
        TradingCalendar calendar = TradingCalendar.inferredFrom(seen);
        BusinessTime clock = new BusinessTime(calendar, theta);
        List<Event> events = persistentEvents(history, calendar);
        GridSpec spec = s.spec();
        int[] tenors = spec.tenorsDays();
        double[] kept = new double[spec.tenorCount()];
        SurfaceReading reading = new SurfaceReading(s);
        double gapBusiness = clock.between(today, next);
        for (int m = 0; m < kept.length; m++) {
            LocalDate expiry = next.plusDays(tenors[m]);
            double remainingTomorrow = clock.between(next, expiry);
            double remainingToday = gapBusiness + remainingTomorrow;
            double share = remainingToday > 0 ? remainingTomorrow / remainingToday
                    : spec.tenorYears(m) / ((tenors[m] + gap) / 365.0);
            if (events.isEmpty() || s.slices().isEmpty()) {
                kept[m] = share;
                continue;
            }
            double shiftedYears = (tenors[m] + gap) / 365.0;
            double atm = reading.totalVariance(shiftedYears, 0.0, spec.knotCount() / 2);
            double eventVariance = 0;
            double stillAhead = 0;
            for (Event e : events) {
                double contained = e.variance() * containedFraction(e, today, expiry);
                eventVariance += contained;
                stillAhead += contained * (1 - releasedInGap(e, today, next, calendar));
            }
            if (!(atm > 0) || !(eventVariance > 0)) {
                kept[m] = share;
                continue;
            }
            double diffusive = Math.max(atm - eventVariance, 0);
            kept[m] = (diffusive * share + stillAhead) / atm;
        }
        return StickyExpiryForecaster.carried(history, kept);
    }

    /**
     * The share of an event's variance that a reading at {@code expiry} holds: all beyond the bracket, none before
     * it, and in between as the reading interpolates, linearly in time between the bracket's expiries.
     */
    static double containedFraction(Event e, LocalDate today, LocalDate expiry) {
        if (!expiry.isBefore(e.until())) {
            return 1;
        }
        if (!expiry.isAfter(e.after())) {
            return 0;
        }
        LocalDate start = e.after().isBefore(today) ? today : e.after();
        return (double) ChronoUnit.DAYS.between(start, expiry) / ChronoUnit.DAYS.between(start, e.until());
    }

    /**
     * The chance that the event falls in {@code (today, next]}: it is still ahead today and equally likely on each
     * session of its bracket after today.
     */
    static double releasedInGap(Event e, LocalDate today, LocalDate next, TradingCalendar calendar) {
        LocalDate start = e.after().isBefore(today) ? today : e.after();
        int left = 0;
        int inGap = 0;
        for (LocalDate d = start.plusDays(1); !d.isAfter(e.until()); d = d.plusDays(1)) {
            if (calendar.isSession(d)) {
                left++;
                if (!d.isAfter(next)) {
                    inGap++;
                }
            }
        }
        return left == 0 ? 1.0 : (double) inGap / left;
    }
}
