package io.volsurf.forecaster.features;

import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.forecaster.calendar.TradingCalendar;
import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.forward.ForwardMethod;
import io.volsurf.forecaster.grid.ExpiryDiagnostics;
import io.volsurf.forecaster.grid.SessionSurface;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.smile.FittedSmile;
import io.volsurf.forecaster.smile.SmilePoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@link SessionFeatures} for one underlying, fed its sessions in order (it keeps the last 21 returns for the
 * realised vols, so use one instance per underlying and per pass, or {@link #continuing} from stored sessions).
 * Not thread-safe.
 */
public final class FeatureBuilder {

    private static final double DAYS_30 = Act365F.yearsOfDays(30);
    private static final double DAYS_91 = Act365F.yearsOfDays(91);
    private static final double DAYS_7 = Act365F.yearsOfDays(7);
    private static final int SHORT_WINDOW = 5;
    private static final int LONG_WINDOW = 21;

    /** Earlier sessions that determine a session's features: the 21 before it give its 21 returns. */
    public static final int HISTORY_SESSIONS = LONG_WINDOW;

    private final TradingCalendar calendar;
    private final ModelFreeVariance modelFree = new ModelFreeVariance();
    private final Deque<double[]> returns = new ArrayDeque<>(); // {log return, years elapsed}
    private LocalDate lastSession;
    private Instant lastSnapshot;
    private double lastSpot = Double.NaN;

    /** @param calendar the exchange calendar, for the gap to the next session */
    public FeatureBuilder(TradingCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * A builder that carries on from earlier sessions of the underlying, as if they had been fed to it: a
     * session then gets the same features whether it is ingested with them in one pass or in a later one.
     *
     * @param calendar the exchange calendar
     * @param earlier  earlier sessions, oldest first (the last {@link #HISTORY_SESSIONS} matter)
     * @throws IllegalArgumentException when they are not in increasing order
     */
    public static FeatureBuilder continuing(TradingCalendar calendar, List<SpotObservation> earlier) {
        FeatureBuilder b = new FeatureBuilder(calendar);
        for (SpotObservation o : earlier) {
            b.observe(o.session(), o.snapshot(), o.spot());
        }
        return b;
    }

    /**
     * The spot-history features of each session of a series, as {@link #next} computes them when fed the
     * same sessions: a session's values depend on the {@link #HISTORY_SESSIONS} sessions before it, so a
     * series that starts that many sessions before the first session of interest gives it exact values.
     *
     * @param sessions sessions of one underlying, oldest first
     * @throws IllegalArgumentException when they are not in increasing order
     */
    public static List<SpotHistoryFeatures> spotHistory(List<SpotObservation> sessions) {
        FeatureBuilder b = new FeatureBuilder(null);
        List<SpotHistoryFeatures> out = new ArrayList<>(sessions.size());
        for (SpotObservation o : sessions) {
            double logReturn = b.observe(o.session(), o.snapshot(), o.spot());
            out.add(new SpotHistoryFeatures(o.session(), logReturn, b.realizedVol(SHORT_WINDOW),
                    b.realizedVol(LONG_WINDOW)));
        }
        return out;
    }

    /**
     * @param chain   the session's chain
     * @param surface the surface built from it
     * @throws IllegalArgumentException when sessions are not fed in increasing order
     */
    public SessionFeatures next(SessionChain chain, SessionSurface surface) {
        double spot = chain.spot();
        double logReturn = observe(chain.session(), chain.snapshot(), spot);

        List<SmileSlice> slices = surface.surface().slices();
        double atm30 = vol(slices, DAYS_30, 0);
        double skew = Double.NaN;
        if (atm30 > 0) {
            double h = 0.05 * atm30 * Math.sqrt(DAYS_30);
            skew = (vol(slices, DAYS_30, h) - vol(slices, DAYS_30, -h)) / (2 * h);
        }
        return new SessionFeatures(chain.underlying(), chain.session(), spot, logReturn, realizedVol(SHORT_WINDOW),
                realizedVol(LONG_WINDOW), carry(surface, spot), atm30, skew, vol(slices, DAYS_91, 0) - atm30,
                sum(chain, true), sum(chain, false), medianSpread(surface), vix(chain, surface),
                (int) ChronoUnit.DAYS.between(chain.session(), calendar.nextSession(chain.session())));
    }

    /** Takes in a session's spot; returns its log return against the previous one (NaN when there is none). */
    private double observe(LocalDate session, Instant snapshot, double spot) {
        if (lastSession != null && !session.isAfter(lastSession)) {
            throw new IllegalArgumentException("sessions must be fed in increasing order: " + session
                    + " after " + lastSession);
        }
        double logReturn = Double.NaN;
        if (lastSpot > 0 && spot > 0) {
            logReturn = Math.log(spot / lastSpot);
            Duration d = Duration.between(lastSnapshot, snapshot);
            returns.addLast(new double[] {logReturn, Act365F.years(d)});
            if (returns.size() > LONG_WINDOW) {
                returns.removeFirst();
            }
        }
        lastSession = session;
        lastSnapshot = snapshot;
        lastSpot = spot;
        return logReturn;
    }

    private double realizedVol(int n) {
        if (returns.size() < n) {
            return Double.NaN;
        }
        double sq = 0;
        double years = 0;
        int i = 0;
        for (var it = returns.descendingIterator(); it.hasNext() && i < n; i++) {
            double[] r = it.next();
            sq += r[0] * r[0];
            years += r[1];
        }
        return Math.sqrt(sq / years);
    }

    /** Implied vol at (T, k) from the slices, linear in total variance; NaN outside the listed maturities. */
    static double vol(List<SmileSlice> slices, double t, double k) {
        for (int i = 0; i < slices.size(); i++) {
            SmileSlice hi = slices.get(i);
            if (hi.maturityYears() >= t) {
                if (i == 0 && hi.maturityYears() > t) {
                    return Double.NaN;
                }
                SmileSlice lo = i == 0 ? hi : slices.get(i - 1);
                double u = hi == lo ? 1 : (t - lo.maturityYears()) / (hi.maturityYears() - lo.maturityYears());
                double w = (1 - u) * lo.svi().totalVariance(k) + u * hi.svi().totalVariance(k);
                return w > 0 ? Math.sqrt(w / t) : Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static double carry(SessionSurface surface, double spot) {
        double[] c = surface.expiries().stream().map(ExpiryDiagnostics::forward)
                .filter(f -> f.method() != ForwardMethod.CONFIGURED && f.maturityYears() >= DAYS_7)
                .mapToDouble(f -> f.impliedCarry(spot)).sorted().toArray();
        return c.length == 0 ? Double.NaN : c[c.length / 2];
    }

    private static double sum(SessionChain chain, boolean volume) {
        double s = 0;
        for (OptionQuote q : chain.quotes()) {
            double v = volume ? q.volume() : q.openInterest();
            if (Double.isFinite(v)) {
                s += v;
            }
        }
        return s;
    }

    private static double medianSpread(SessionSurface surface) {
        double[] s = surface.smiles().stream().map(FittedSmile::smile).flatMap(m -> m.points().stream())
                .mapToDouble(SmilePoint::halfSpreadVol).filter(v -> v >= 0).map(v -> 2 * v).sorted().toArray();
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    private double vix(SessionChain chain, SessionSurface surface) {
        Map<LocalDate, List<OptionQuote>> byExpiry = new TreeMap<>();
        for (OptionQuote q : chain.quotes()) {
            byExpiry.computeIfAbsent(q.expiry(), e -> new ArrayList<>()).add(q);
        }
        // CBOE uses expiries of more than 23 days; here anything from 7 days, which covers weekly-only listings.
        List<ExpiryForward> candidates = surface.expiries().stream().map(ExpiryDiagnostics::forward)
                .filter(f -> f.maturityYears() >= DAYS_7).toList();
        double[] t = new double[candidates.size()];
        double[] v = new double[candidates.size()];
        Arrays.fill(v, Double.NaN);
        int near = -1;
        for (int i = 0; i < t.length; i++) {
            t[i] = candidates.get(i).maturityYears();
            if (t[i] <= DAYS_30) {
                near = i;
            }
        }
        // Only the two expiries around 30 days are needed.
        for (int i = Math.max(near, 0); i < Math.min(near + 2, t.length); i++) {
            ExpiryForward f = candidates.get(i);
            v[i] = modelFree.expiryVariance(f, byExpiry.get(f.expiry()));
        }
        return ModelFreeVariance.interpolatedVol(t, v, DAYS_30);
    }
}
