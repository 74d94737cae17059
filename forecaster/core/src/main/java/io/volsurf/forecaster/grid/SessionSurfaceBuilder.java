package io.volsurf.forecaster.grid;

import io.volsurf.forecaster.arbitrage.ArbitrageReport;
import io.volsurf.forecaster.arbitrage.MaturitySlice;
import io.volsurf.forecaster.arbitrage.SurfaceArbitrageCheck;
import io.volsurf.forecaster.arbitrage.CalendarCheck;
import io.volsurf.forecaster.arbitrage.CalendarViolation;
import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.forward.ParityForwardEstimator;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.smile.FittedSmile;
import io.volsurf.forecaster.smile.MarketSmile;
import io.volsurf.forecaster.smile.SmileBuilder;
import io.volsurf.forecaster.smile.SmileFitter;
import io.volsurf.forecaster.smile.SmilePoint;
import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One session's chain to its canonical surface: per expiry the forward and discount from put-call parity
 * ({@link ParityForwardEstimator}), the out-of-the-money smile in implied vol ({@link SmileBuilder}), a
 * butterfly-free SVI fit warm-started from the previous session ({@link SmileFitter}); then the calendar check
 * across expiries (on their common quoted strikes) and the grid ({@link GridSampler}). Stateless: the previous session's fits are passed in.
 */
public final class SessionSurfaceBuilder {

    private final GridSpec spec;
    private final ParityForwardEstimator forwards;
    private final SmileBuilder smiles;
    private final SmileFitter fitter;
    /** Decreases of total variance below this (about 0.1 vol point at 30 days) are fit noise, not arbitrage. */
    private static final double CALENDAR_TOLERANCE = 1e-5;

    private final SurfaceArbitrageCheck arbitrage = new SurfaceArbitrageCheck();
    private final GridSampler sampler = new GridSampler();

    /** Default grid, forward, smile and SVI settings. */
    public SessionSurfaceBuilder() {
        this(GridSpec.defaultSpec(), new ParityForwardEstimator(), new SmileBuilder(), new SmileFitter());
    }

    public SessionSurfaceBuilder(GridSpec spec) {
        this(spec, new ParityForwardEstimator(), new SmileBuilder(), new SmileFitter());
    }

    public SessionSurfaceBuilder(GridSpec spec, ParityForwardEstimator forwards, SmileBuilder smiles,
            SmileFitter fitter) {
        this.spec = spec;
        this.forwards = forwards;
        this.smiles = smiles;
        this.fitter = fitter;
    }

    public GridSpec spec() {
        return spec;
    }

    /** Builds the surface without warm starts. */
    public SessionSurface build(SessionChain chain) {
        return build(chain, Map.of());
    }

    /**
     * @param chain      one underlying's quotes in one session
     * @param warmStarts the previous session's SVI parameters by expiry (see {@link SessionSurface#warmStarts()})
     * @throws IllegalArgumentException when the chain has no quotes
     */
    public SessionSurface build(SessionChain chain, Map<LocalDate, SviParams> warmStarts) {
        if (chain.quotes().isEmpty()) {
            throw new IllegalArgumentException("chain of " + chain.underlying() + " on " + chain.session()
                    + " has no accepted quotes (file " + chain.sourceFile() + ")");
        }
        TreeMap<LocalDate, List<OptionQuote>> byExpiry = new TreeMap<>();
        LocalDate lastExpiry = null;
        List<OptionQuote> lastList = null;
        for (OptionQuote q : chain.quotes()) {
            // Chains come in runs of one expiry: look the list up only when the expiry changes.
            if (!q.expiry().equals(lastExpiry)) {
                lastExpiry = q.expiry();
                lastList = byExpiry.computeIfAbsent(lastExpiry, e -> new ArrayList<>());
            }
            lastList.add(q);
        }
        List<ExpiryDiagnostics> diagnostics = new ArrayList<>(byExpiry.size());
        List<FittedSmile> fitted = new ArrayList<>();
        for (Map.Entry<LocalDate, List<OptionQuote>> e : byExpiry.entrySet()) {
            List<OptionQuote> quotes = e.getValue();
            double t = maturityOf(quotes);
            ExpiryForward forward = forwards.estimate(e.getKey(), t, quotes, chain.spot());
            MarketSmile smile = smiles.build(forward, quotes);
            FittedSmile fit = null;
            if (smile.size() >= smiles.settings().minQuotes()
                    && (fitted.isEmpty() || t > fitted.get(fitted.size() - 1).maturityYears())) {
                fit = fitter.fit(smile, Optional.ofNullable(warmStarts.get(e.getKey())));
                fitted.add(fit);
                smile = fit.smile();
            }
            diagnostics.add(new ExpiryDiagnostics(forward, smile.size(), smile.dropped(),
                    fit == null ? null : fit.fit(), vendorGap(smile), medianHalfSpread(smile)));
        }
        List<SmileSlice> slices = new ArrayList<>(fitted.size());
        List<HalfSpreadCurve> spreads = new ArrayList<>(fitted.size());
        for (FittedSmile f : fitted) {
            ExpiryForward fw = f.smile().forward();
            slices.add(new SmileSlice(fw.expiry(), fw.maturityYears(), fw.forward(), f.fit().params(), f.minK(),
                    f.maxK(), f.fit().quotes(), f.fit().rmseVolPoints()));
            spreads.add(spreadCurve(f.smile()));
        }
        GridSampler.GridValues g = sampler.sample(spec, slices, spreads);
        CanonicalSurface surface = new CanonicalSurface(chain.underlying(), chain.session(), chain.snapshot(),
                chain.spot(), spec, g.logMoneyness(), g.totalVariance(), g.impliedVol(), g.mask(), g.halfSpreadVol(),
                slices);
        return new SessionSurface(surface, diagnostics, fitted, arbitrageReport(slices));
    }

    /**
     * Butterfly check of every slice; calendar check of each adjacent pair on 41 points of their common quoted
     * k range only (beyond the quotes both SVI wings are extrapolations, and flags there would be noise).
     */
    private ArbitrageReport arbitrageReport(List<SmileSlice> slices) {
        if (slices.isEmpty()) {
            return null;
        }
        List<CalendarViolation> violations = new ArrayList<>();
        for (int i = 1; i < slices.size(); i++) {
            SmileSlice a = slices.get(i - 1);
            SmileSlice b = slices.get(i);
            double lo = Math.max(a.minK(), b.minK());
            double hi = Math.min(a.maxK(), b.maxK());
            if (hi > lo) {
                violations.addAll(new CalendarCheck(CalendarCheck.uniformGrid(lo, hi, 41), CALENDAR_TOLERANCE)
                        .check(List.of(new MaturitySlice(a.maturityYears(), a.svi()),
                                new MaturitySlice(b.maturityYears(), b.svi()))));
            }
        }
        List<MaturitySlice> all = slices.stream().map(x -> new MaturitySlice(x.maturityYears(), x.svi())).toList();
        return arbitrage.check(all, violations);
    }

    private static double maturityOf(List<OptionQuote> quotes) {
        // All quotes of an expiry share snapshot and expiry instant; take the median to be safe with mixed rows.
        OptionQuote first = quotes.get(0);
        boolean shared = true;
        for (OptionQuote q : quotes) {
            if (!q.snapshot().equals(first.snapshot()) || !q.expiryInstant().equals(first.expiryInstant())) {
                shared = false;
                break;
            }
        }
        if (shared) {
            return first.maturityYears(); // the median of equal values
        }
        double[] t = quotes.stream().mapToDouble(OptionQuote::maturityYears).sorted().toArray();
        return t[t.length / 2];
    }

    private static HalfSpreadCurve spreadCurve(MarketSmile smile) {
        List<SmilePoint> points = smile.points();
        double[] k = new double[points.size()];
        double[] hs = new double[points.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = points.get(i).logMoneyness();
            hs[i] = points.get(i).halfSpreadVol();
        }
        return HalfSpreadCurve.ofQuotes(k, hs);
    }

    private static double vendorGap(MarketSmile smile) {
        double[] gaps = smile.points().stream().filter(p -> Double.isFinite(p.vendorVol()))
                .mapToDouble(p -> 100 * Math.abs(p.vol() - p.vendorVol())).sorted().toArray();
        return gaps.length == 0 ? Double.NaN : median(gaps);
    }

    private static double medianHalfSpread(MarketSmile smile) {
        double[] hs = smile.points().stream().mapToDouble(SmilePoint::halfSpreadVol).filter(v -> v >= 0).sorted()
                .toArray();
        return hs.length == 0 ? Double.NaN : median(hs);
    }

    /** Median of a sorted, non-empty array. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
