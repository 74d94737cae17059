package io.volsurf.forecaster.testsupport;

import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.sample.TrainingSample;
import io.volsurf.forecaster.svi.SviParams;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Small synthetic surface series with learnable dynamics, for tests: each ticker's ATM variance rate follows an
 * AR(1) around its own mean ({@code v' = vbar + phi (v - vbar) + eps}), smiles are SVI with a fixed skew, expiries
 * are listed every 14 days (so sticky-expiry has slices to read), sessions are weekdays (weekend gaps of 3 days),
 * and about 10% of cells are masked (NaN).
 */
public final class SyntheticSeries {

    public static final GridSpec SPEC = new GridSpec(new int[] {7, 30, 91}, new double[] {-0.2, -0.1, 0, 0.1, 0.2},
            MoneynessScaling.LOG_MONEYNESS);

    private final double phi;
    private final double noise;

    public SyntheticSeries(double phi, double noise) {
        this.phi = phi;
        this.noise = noise;
    }

    /** Weekday sessions of one ticker. */
    public List<CanonicalSurface> surfaces(String ticker, double meanVariance, int sessions, long seed) {
        Random random = new Random(seed);
        List<CanonicalSurface> out = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 1, 5); // a Monday
        LocalDate firstExpiry = LocalDate.of(2026, 1, 9);
        double v = meanVariance;
        while (out.size() < sessions) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                out.add(surface(ticker, day, firstExpiry, v, random));
                v = meanVariance + phi * (v - meanVariance) + noise * meanVariance * random.nextGaussian();
                v = Math.max(v, 0.2 * meanVariance);
            }
            day = day.plusDays(1);
        }
        return out;
    }

    /** The smile of maturity T for variance rate v. */
    public static SviParams smile(double v, double t) {
        double b = 0.15 * Math.sqrt(t);
        double sigma = 0.1 * Math.sqrt(t) + 0.02;
        double rho = -0.4;
        return new SviParams(v * t - b * sigma, b, rho, 0, sigma);
    }

    private static CanonicalSurface surface(String ticker, LocalDate day, LocalDate firstExpiry, double v,
            Random random) {
        List<SmileSlice> slices = new ArrayList<>();
        LocalDate expiry = firstExpiry;
        while (!expiry.isAfter(day)) {
            expiry = expiry.plusDays(14);
        }
        for (int i = 0; i < 10; i++) {
            double t = ChronoUnit.DAYS.between(day, expiry) / 365.0;
            slices.add(new SmileSlice(expiry, t, 100, smile(v, t), -0.3, 0.3, 20, 0.1));
            expiry = expiry.plusDays(14);
        }
        int n = SPEC.cellCount();
        double[] k = new double[n];
        double[] w = new double[n];
        double[] iv = new double[n];
        boolean[] mask = new boolean[n];
        double[] hs = new double[n];
        double[] knots = SPEC.knots();
        for (int c = 0; c < n; c++) {
            int m = c / SPEC.knotCount();
            double t = SPEC.tenorYears(m);
            k[c] = knots[c % SPEC.knotCount()];
            mask[c] = random.nextDouble() > 0.1;
            double wc = smile(v, t).totalVariance(k[c]) * (1 + 0.005 * random.nextGaussian());
            w[c] = mask[c] ? wc : Double.NaN;
            iv[c] = mask[c] ? Math.sqrt(wc / t) : Double.NaN;
            hs[c] = mask[c] ? 0.005 : Double.NaN;
        }
        return new CanonicalSurface(ticker, day, day.atTime(20, 0).toInstant(ZoneOffset.UTC), 100, SPEC, k, w, iv, mask,
                hs, slices);
    }

    /**
     * A surface of one flat implied vol on {@code spec}: every cell observed, flat SVI slices listed 1 day to a
     * year out (so sticky-expiry and any reading find support).
     */
    public static CanonicalSurface flatSurface(String ticker, LocalDate day, double vol, GridSpec spec) {
        List<SmileSlice> slices = new ArrayList<>();
        for (int days : new int[] {1, 3, 8, 15, 29, 64, 92, 120, 183, 274, 365}) {
            double t = days / 365.0;
            slices.add(new SmileSlice(day.plusDays(days), t, 100, new SviParams(vol * vol * t, 0, 0, 0, 0.1), -1, 1,
                    20, 0.1));
        }
        int n = spec.cellCount();
        double[] k = new double[n];
        double[] w = new double[n];
        double[] iv = new double[n];
        boolean[] mask = new boolean[n];
        double[] hs = new double[n];
        for (int c = 0; c < n; c++) {
            double t = spec.tenorYears(c / spec.knotCount());
            k[c] = spec.logMoneyness(c % spec.knotCount(), t, vol);
            w[c] = vol * vol * t;
            iv[c] = vol;
            mask[c] = true;
            hs[c] = Double.NaN;
        }
        return new CanonicalSurface(ticker, day, day.atTime(20, 0).toInstant(ZoneOffset.UTC), 100, spec, k, w, iv,
                mask, hs, slices);
    }

    /** Supervised pairs with window N from one ticker's series. */
    public static List<TrainingSample> pairs(List<CanonicalSurface> series, int window) {
        List<TrainingSample> out = new ArrayList<>();
        for (int t = window - 1; t + 1 < series.size(); t++) {
            List<CanonicalSurface> w = series.subList(t - window + 1, t + 1);
            int gap = (int) ChronoUnit.DAYS.between(series.get(t).session(), series.get(t + 1).session());
            out.add(new TrainingSample(SurfaceHistory.of(w, gap), series.get(t + 1)));
        }
        return out;
    }

    /** A copy of a surface whose masked cells hold arbitrary finite junk instead of NaN. */
    public static CanonicalSurface withJunkInMaskedCells(CanonicalSurface s, double junk) {
        double[] w = s.totalVariance().clone();
        double[] iv = s.impliedVol().clone();
        for (int c = 0; c < w.length; c++) {
            if (!s.mask()[c]) {
                w[c] = junk * (1 + c);
                iv[c] = junk;
            }
        }
        return new CanonicalSurface(s.ticker(), s.session(), s.asOf(), s.spot(), s.spec(), s.logMoneyness(), w, iv,
                s.mask(), s.halfSpreadVol(), s.slices());
    }

    public static double[] copy(double[] a) {
        return Arrays.copyOf(a, a.length);
    }
}
