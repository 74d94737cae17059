package io.volsurf.forecaster.synthetic;

import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.forecaster.calendar.BusinessTime;
import io.volsurf.forecaster.calendar.SessionClock;
import io.volsurf.forecaster.ingest.RejectReason;
import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.svi.SviParams;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic market with known truth, as generic CSV chain files: per ticker and session,
 * calls and puts on every listed expiry, priced with Black-76 from the session's true SSVI surface
 * (written as raw SVI per expiry to {@code svi.truth.csv}), with bid/ask spreads widening in the
 * wings, a few strikes missing, and a few invalid rows that ingest must reject (listed in
 * {@code bad-rows.truth.csv}). Deterministic: the same config gives byte-identical files.
 *
 * <p>{@link MarketEffects} switch on, each alone: a factor common to all tickers' shocks; true surfaces that accrue
 * variance per business day (non-trading days weighted); scheduled events that add variance to every expiry after
 * them until they pass (listed in {@code events.truth.csv}); and noise on the quoted prices around the true smile.
 * Each effect draws from its own random stream, so with {@link MarketEffects#NONE} the files are those of the plain
 * market.
 */
public final class SyntheticMarketGenerator {

    static final String HEADER = "quote_date,underlying,underlying_price,expiration,strike,option_type,bid,ask,"
            + "volume,open_interest,implied_volatility,rate,dividend_yield";
    private static final double DT_YEARS = 1.0 / 252;
    private static final double TICK = 0.01;
    private static final double SSVI_GAMMA = 0.5;
    private static final RejectReason[] BAD_KINDS = {RejectReason.NEGATIVE_PRICE, RejectReason.CROSSED_QUOTE,
        RejectReason.UNPARSEABLE_FIELD};

    private final SessionClock clock;
    private final ListingCalendar listing;

    public SyntheticMarketGenerator() {
        this(SessionClock.US_EQUITY);
    }

    public SyntheticMarketGenerator(SessionClock clock) {
        this.clock = clock;
        this.listing = new ListingCalendar(clock.calendar(), 5, 6, 2);
    }

    /** The evolving state of one ticker. */
    private static final class State {
        double spot;
        double variance;
        double skew;
        double eta;
    }

    /** Business days per year in the business-time maturity: sessions count 1, other days the weekend weight. */
    private static final double SESSIONS_PER_YEAR = 252;
    private static final double CALENDAR_DAYS_PER_YEAR = 365;

    /** Streams of the effects, apart from the plain market's so that switching one on leaves the rest alone. */
    private static final long COMMON_STREAM = 0xC0FFEE5EEDL;
    private static final long EVENT_STREAM = 0xE7E47L;
    private static final long NOISE_STREAM = 0x7015EL;
    private static final long PATH_STREAM = 0x9A7DL;

    /**
     * Generates the market into {@code outDir} (created if needed).
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public GenerationReport generate(SyntheticMarketConfig cfg, Path outDir) {
        List<Path> files = new ArrayList<>();
        List<TrueSlice> truth = new ArrayList<>();
        List<InjectedBadRow> bad = new ArrayList<>();
        long rows = 0;
        List<LocalDate> sessions = sessions(cfg);
        MarketEffects fx = cfg.effects();
        double[][] common = commonShocks(cfg, sessions.size());
        List<ScheduledEvent> events = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            for (int t = 0; t < cfg.tickers().size(); t++) {
                String ticker = cfg.tickers().get(t).trim().toUpperCase(Locale.ROOT);
                SplittableRandom rng = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + t);
                SplittableRandom noise = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + t + NOISE_STREAM);
                // the plain market draws its path and its quotes from one stream (its files stay as they were); with
                // an effect on, the path has its own, so that markets differing only in effects share one path
                SplittableRandom path = fx.equals(MarketEffects.NONE) ? rng
                        : new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + t + PATH_STREAM);
                List<ScheduledEvent> tickerEvents = schedule(cfg, ticker, t, sessions);
                events.addAll(tickerEvents);
                State s = new State();
                s.spot = cfg.spot0() * (1 + 0.5 * t);
                s.variance = cfg.variance0();
                s.skew = cfg.meanSkew();
                s.eta = cfg.meanEta();
                Path dir = outDir.resolve(ticker);
                Files.createDirectories(dir);
                for (int d = 0; d < sessions.size(); d++) {
                    if (d > 0) {
                        step(cfg, s, path, common[d]);
                        double jump = eventVarianceOn(tickerEvents, sessions.get(d));
                        if (jump > 0) {
                            // the event's variance is realised as a jump of the spot on its session
                            s.spot *= Math.exp(Math.sqrt(jump) * gaussian(noise) - 0.5 * jump);
                        }
                    }
                    Path file = dir.resolve(sessions.get(d) + ".csv");
                    rows += writeSession(cfg, ticker, sessions.get(d), s, rng, noise, tickerEvents, file, truth, bad);
                    files.add(file);
                }
            }
            Path truthFile = outDir.resolve("svi.truth.csv");
            writeTruth(truthFile, truth);
            Path badFile = outDir.resolve("bad-rows.truth.csv");
            writeBadRows(badFile, bad);
            Path eventsFile = null;
            if (fx.hasEvents()) {
                eventsFile = outDir.resolve("events.truth.csv");
                writeEvents(eventsFile, events);
            }
            return new GenerationReport(files, truthFile, badFile, sessions.size(), rows, truth, bad, eventsFile,
                    events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic market to " + outDir + ": " + e.getMessage(), e);
        }
    }

    private List<LocalDate> sessions(SyntheticMarketConfig cfg) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate d = clock.calendar().isSession(cfg.start()) ? cfg.start() : clock.calendar().nextSession(cfg.start());
        while (out.size() < cfg.days()) {
            out.add(d);
            d = clock.calendar().nextSession(d);
        }
        return out;
    }

    /**
     * Per session the common factor's shocks (spot, variance, skew, curvature), or null rows when there is no common
     * factor.
     */
    private static double[][] commonShocks(SyntheticMarketConfig cfg, int sessions) {
        double[][] out = new double[sessions][];
        if (cfg.effects().commonFactorShare() > 0) {
            SplittableRandom r = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + COMMON_STREAM);
            for (int d = 0; d < sessions; d++) {
                out[d] = new double[] {gaussian(r), gaussian(r), gaussian(r), gaussian(r)};
            }
        }
        return out;
    }

    /** A ticker's own shock mixed with the common one so that {@code share} of its variance is common. */
    private static double mixed(double own, double[] common, int i, double share) {
        return common == null ? own : Math.sqrt(share) * common[i] + Math.sqrt(1 - share) * own;
    }

    /**
     * One ticker's scheduled events: every {@code eventEverySessions} sessions from a random phase, over the generated
     * sessions and on, as far as the farthest expiry listed on the last session (those are in its prices too).
     */
    private List<ScheduledEvent> schedule(SyntheticMarketConfig cfg, String ticker, int index, List<LocalDate> sessions) {
        MarketEffects fx = cfg.effects();
        List<ScheduledEvent> out = new ArrayList<>();
        if (!fx.hasEvents()) {
            return out;
        }
        SplittableRandom r = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + index + EVENT_STREAM);
        int phase = 1 + r.nextInt(fx.eventEverySessions());
        List<LocalDate> expiries = listing.expiries(sessions.get(sessions.size() - 1));
        LocalDate horizon = expiries.get(expiries.size() - 1);
        LocalDate day = sessions.get(0);
        for (int i = 0; !day.isAfter(horizon); i++) {
            if (i >= phase && (i - phase) % fx.eventEverySessions() == 0) {
                out.add(new ScheduledEvent(ticker, day, fx.eventVariance()));
            }
            day = clock.calendar().nextSession(day);
        }
        return out;
    }

    /** The event variance realised on {@code session} (0 when no event falls on it). */
    private static double eventVarianceOn(List<ScheduledEvent> events, LocalDate session) {
        double v = 0;
        for (ScheduledEvent e : events) {
            if (e.session().equals(session)) {
                v += e.variance();
            }
        }
        return v;
    }

    /** The variance of the events after {@code session} up to and including {@code expiry}'s session. */
    private static double eventVarianceBetween(List<ScheduledEvent> events, LocalDate session, LocalDate expiry) {
        double v = 0;
        for (ScheduledEvent e : events) {
            if (e.session().isAfter(session) && !e.session().isAfter(expiry)) {
                v += e.variance();
            }
        }
        return v;
    }

    /** One session of Heston-like dynamics; the smile's skew and curvature move with the spot shock. */
    private static void step(SyntheticMarketConfig cfg, State s, SplittableRandom rng, double[] common) {
        double share = cfg.effects().commonFactorShare();
        double z1 = mixed(gaussian(rng), common, 0, share);
        double z2 = cfg.leverage() * z1
                + Math.sqrt(1 - cfg.leverage() * cfg.leverage()) * mixed(gaussian(rng), common, 1, share);
        double v = Math.max(s.variance, 0);
        s.spot *= Math.exp((cfg.rate() - cfg.dividendYield() - 0.5 * v) * DT_YEARS + Math.sqrt(v * DT_YEARS) * z1);
        s.variance = Math.max(1e-4, s.variance + cfg.kappa() * (cfg.longRunVariance() - v) * DT_YEARS
                + cfg.volOfVariance() * Math.sqrt(v * DT_YEARS) * z2);
        // Skew mean-reverts (half-life ~ 2 weeks) and steepens when the spot falls.
        s.skew = clamp(cfg.meanSkew() + 0.95 * (s.skew - cfg.meanSkew()) + 0.02 * z1
                + 0.01 * mixed(gaussian(rng), common, 2, share), -0.9, -0.05);
        double logEta = Math.log(cfg.meanEta()) + 0.95 * (Math.log(s.eta) - Math.log(cfg.meanEta()))
                + 0.03 * mixed(gaussian(rng), common, 3, share);
        // Gatheral-Jacquier: eta (1 + |rho|) <= 2 keeps power-law SSVI free of butterfly arbitrage.
        s.eta = Math.min(Math.exp(logEta), 0.95 * 2 / (1 + Math.abs(s.skew)));
    }

    private int writeSession(SyntheticMarketConfig cfg, String ticker, LocalDate session, State s,
            SplittableRandom rng, SplittableRandom noise, List<ScheduledEvent> events, Path file,
            List<TrueSlice> truth, List<InjectedBadRow> bad) throws IOException {
        MarketEffects fx = cfg.effects();
        List<String> lines = new ArrayList<>();
        String prefix = session + "," + ticker + "," + fmt(s.spot, 4) + ",";
        for (LocalDate expiry : listing.expiries(session)) {
            double maturityYears = Act365F.years(clock.closeInstant(session), clock.expiryInstant(expiry));
            double forward = s.spot * Math.exp((cfg.rate() - cfg.dividendYield()) * maturityYears);
            double discount = Math.exp(-cfg.rate() * maturityYears);
            double varianceYears = fx.weekendWeight() < 1 ? businessYears(session, expiry, fx.weekendWeight())
                    : maturityYears;
            double atm = atmTotalVariance(cfg, s.variance, varianceYears)
                    + eventVarianceBetween(events, session, expiry);
            SviParams svi = ssviSlice(atm, s.skew, s.eta);
            double sliceShift = fx.sliceNoiseVol() > 0 ? fx.sliceNoiseVol() * gaussian(noise) : 0;
            truth.add(new TrueSlice(ticker, session, expiry, maturityYears, s.spot, forward, svi));
            double atmStd = Math.sqrt(svi.totalVariance(0));
            double kLow = -Math.min(2.0, 5 * atmStd);
            double kHigh = Math.min(1.0, 3 * atmStd);
            double step = niceStep(forward * (kHigh - kLow) / 50);
            long firstIndex = (long) Math.ceil(forward * Math.exp(kLow) / step);
            long lastIndex = (long) Math.floor(forward * Math.exp(kHigh) / step);
            for (long i = firstIndex; i <= lastIndex; i++) {
                double strike = i * step;
                double k = Math.log(strike / forward);
                if (rng.nextDouble() < cfg.missingStrikeProbability()) {
                    continue;
                }
                double vol = Math.sqrt(svi.totalVariance(k) / maturityYears);
                if (fx.hasNoise()) {
                    // measurement noise: the quotes sit around a shifted smile, the truth stays where it is
                    double shift = sliceShift + (fx.quoteNoiseVol() > 0 ? fx.quoteNoiseVol() * gaussian(noise) : 0);
                    vol = Math.max(0.2 * vol, vol + shift);
                }
                double standardised = k / atmStd;
                // Spreads widen in the wings: half-spread in vol grows with the squared distance in ATM std devs.
                double halfSpreadVol = cfg.halfSpreadVol() * (1 + 0.5 * standardised * standardised);
                double vega = discount * BlackFormula.vega(forward, strike, vol, maturityYears);
                long openInterest = Math.round(5000 * Math.exp(-0.5 * standardised * standardised) * rng.nextDouble());
                for (boolean call : new boolean[] {true, false}) {
                    double price = discount * BlackFormula.price(forward, strike, vol, maturityYears, call);
                    if (price < TICK / 2) {
                        continue; // worthless: not listed
                    }
                    double half = Math.max(TICK / 2, vega * halfSpreadVol);
                    double bid = Math.max(0, Math.floor((price - half) / TICK) * TICK);
                    double ask = Math.max(TICK, Math.ceil((price + half) / TICK) * TICK);
                    long volume = Math.round(openInterest * 0.2 * rng.nextDouble());
                    lines.add(prefix + expiry + "," + fmt(strike, 2) + "," + (call ? "C" : "P") + "," + fmt(bid, 2)
                            + "," + fmt(ask, 2) + "," + volume + "," + openInterest + "," + fmt(vol, 6) + ","
                            + fmt(cfg.rate(), 4) + "," + fmt(cfg.dividendYield(), 4));
                }
            }
        }
        injectBadRows(cfg, prefix, lines, rng, file, bad);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
        return lines.size();
    }

    /** Inserts invalid copies of random valid rows at random places and records their line numbers. */
    private static void injectBadRows(SyntheticMarketConfig cfg, String prefix, List<String> lines,
            SplittableRandom rng, Path file, List<InjectedBadRow> bad) {
        if (lines.isEmpty()) {
            return;
        }
        List<Integer> at = new ArrayList<>();
        List<RejectReason> kinds = new ArrayList<>();
        for (int i = 0; i < cfg.badRowsPerSession(); i++) {
            String[] c = lines.get(rng.nextInt(lines.size())).split(",", -1);
            RejectReason kind = BAD_KINDS[i];
            switch (kind) {
                case NEGATIVE_PRICE -> c[6] = "-0.05";
                case CROSSED_QUOTE -> {
                    double ask = Double.parseDouble(c[7]);
                    c[6] = fmt(ask + 0.10, 2);
                }
                default -> c[4] = c[4].replace('.', 'x');
            }
            int pos = rng.nextInt(lines.size() + 1);
            lines.add(pos, String.join(",", c));
            for (int j = 0; j < at.size(); j++) {
                if (at.get(j) >= pos) {
                    at.set(j, at.get(j) + 1);
                }
            }
            at.add(pos);
            kinds.add(kind);
        }
        for (int i = 0; i < at.size(); i++) {
            bad.add(new InjectedBadRow(file.toString(), at.get(i) + 2L, kinds.get(i))); // +1 header, +1 one-based
        }
    }

    /**
     * Time to expiry in business years: sessions after {@code session} up to the expiry count 1, other days
     * {@code weekendWeight}, over the business days of a year ({@code 252 + 113 weekendWeight}), so that a year holds
     * the same variance as in calendar time.
     */
    double businessYears(LocalDate session, LocalDate expiry, double weekendWeight) {
        double days = new BusinessTime(clock.calendar(), weekendWeight).between(session, expiry);
        return days / (SESSIONS_PER_YEAR + (CALENDAR_DAYS_PER_YEAR - SESSIONS_PER_YEAR) * weekendWeight);
    }

    /** ATM total variance with a term structure that decays from the current to the long-run variance. */
    static double atmTotalVariance(SyntheticMarketConfig cfg, double variance, double maturityYears) {
        double lambda = cfg.termDecayPerYear();
        return cfg.longRunVariance() * maturityYears
                + (variance - cfg.longRunVariance()) * (1 - Math.exp(-lambda * maturityYears)) / lambda;
    }

    /**
     * The SSVI slice {@code w(k) = theta/2 (1 + rho phi k + sqrt((phi k + rho)^2 + 1 - rho^2))} with
     * power-law {@code phi = eta / (theta^gamma (1 + theta)^(1 - gamma))}, as raw SVI
     * (Gatheral and Jacquier 2014): {@code a = theta (1 - rho^2) / 2, b = theta phi / 2, m = -rho / phi,
     * sigma = sqrt(1 - rho^2) / phi}.
     */
    static SviParams ssviSlice(double theta, double rho, double eta) {
        double phi = eta / (Math.pow(theta, SSVI_GAMMA) * Math.pow(1 + theta, 1 - SSVI_GAMMA));
        return new SviParams(0.5 * theta * (1 - rho * rho), 0.5 * theta * phi, rho, -rho / phi,
                Math.sqrt(1 - rho * rho) / phi);
    }

    /** The smallest of 0.5, 1, 2.5, 5, 10, 25, ... at least {@code raw}. */
    static double niceStep(double raw) {
        double[] mult = {1, 2.5, 5};
        for (double scale = 0.1; ; scale *= 10) {
            for (double m : mult) {
                if (m * scale >= raw && m * scale >= 0.5) {
                    return m * scale;
                }
            }
        }
    }

    private static void writeTruth(Path file, List<TrueSlice> truth) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("ticker,session,expiry,maturity_years,spot,forward,a,b,rho,m,sigma\n");
            for (TrueSlice t : truth) {
                SviParams p = t.svi();
                w.write(t.ticker() + "," + t.session() + "," + t.expiry() + "," + t.maturityYears() + "," + t.spot()
                        + "," + t.forward() + "," + p.a() + "," + p.b() + "," + p.rho() + "," + p.m() + ","
                        + p.sigma() + "\n");
            }
        }
    }

    private static void writeEvents(Path file, List<ScheduledEvent> events) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("ticker,session,variance\n");
            for (ScheduledEvent e : events) {
                w.write(e.ticker() + "," + e.session() + "," + e.variance() + "\n");
            }
        }
    }

    private static void writeBadRows(Path file, List<InjectedBadRow> bad) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("file,line,reason\n");
            for (InjectedBadRow b : bad) {
                w.write(b.file() + "," + b.line() + "," + b.reason() + "\n");
            }
        }
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller on the deterministic stream (SplittableRandom has no nextGaussian on Java 17).
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    /** Fixed-point decimal text, half-up rounded ({@code String.format} is ~100x slower and dominated the run). */
    static String fmt(double x, int decimals) {
        long scaled = Math.round(Math.abs(x) * POW10[decimals]);
        String digits = Long.toString(scaled);
        StringBuilder sb = new StringBuilder(digits.length() + 3);
        if (x < 0 && scaled != 0) {
            sb.append('-');
        }
        if (decimals == 0) {
            return sb.append(digits).toString();
        }
        int pad = decimals + 1 - digits.length();
        for (int i = 0; i < pad; i++) {
            sb.append('0');
        }
        sb.append(digits);
        sb.insert(sb.length() - decimals, '.');
        return sb.toString();
    }
}
