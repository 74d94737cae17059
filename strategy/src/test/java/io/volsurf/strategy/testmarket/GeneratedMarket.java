package io.volsurf.strategy.testmarket;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.backtest.SessionInput;
import io.volsurf.strategy.market.ForecastView;
import io.volsurf.strategy.market.MarketSession;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A market where the answers are known: spot follows a GBM, every listed option is priced by Black-Scholes at a
 * sticky-strike surface {@code vol_i(T, K) = level_i + skew ln(K/S0) + term T} whose level does a random walk,
 * quotes carry a symmetric bid/ask around the model price (or last prices only), snapshots at 21:00 UTC on
 * consecutive calendar days. Rates and yields are flat, forwards {@code S e^{(r-q)T}}.
 */
public final class GeneratedMarket {
    public static final String TICKER = "GEN";
    private static final BlackScholesGreeks BS = new BlackScholesGreeks();

    public final LocalDate start;
    public final double[] spots;
    public final double[] levels;
    public final double skew;
    public final double term;
    public final double rate;
    public final double dividendYield;
    public final List<LocalDate> expiries;
    public final double[] strikes;
    public final boolean bidAsk;
    public final double halfSpreadUsd;
    public final ExerciseStyle style;

    private GeneratedMarket(Builder b) {
        start = b.start;
        skew = b.skew;
        term = b.term;
        rate = b.rate;
        dividendYield = b.dividendYield;
        expiries = List.copyOf(b.expiries);
        bidAsk = b.bidAsk;
        halfSpreadUsd = b.halfSpreadUsd;
        style = b.style;
        Random rnd = new Random(b.seed);
        spots = new double[b.sessions];
        levels = new double[b.sessions];
        spots[0] = b.spot0;
        levels[0] = b.vol0;
        double dt = 1 / 365.0;
        for (int i = 1; i < b.sessions; i++) {
            double z = rnd.nextGaussian();
            spots[i] = spots[i - 1] * Math.exp((rate - dividendYield - 0.5 * b.realizedVol * b.realizedVol) * dt
                    + b.realizedVol * Math.sqrt(dt) * z);
            levels[i] = Math.max(0.05, levels[i - 1] + b.volOfVolPoints / 100 * rnd.nextGaussian());
        }
        int n = (int) Math.round((b.maxStrikeRatio - b.minStrikeRatio) / b.strikeStep) + 1;
        strikes = new double[n];
        for (int j = 0; j < n; j++) {
            strikes[j] = Math.round(b.spot0 * (b.minStrikeRatio + j * b.strikeStep) * 100) / 100.0;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int sessions() {
        return spots.length;
    }

    public LocalDate date(int i) {
        return start.plusDays(i);
    }

    public static Instant close(LocalDate d) {
        return d.atTime(21, 0).toInstant(ZoneOffset.UTC);
    }

    /** The true implied vol of session i at maturity T (years) and strike K. */
    public double vol(int i, double maturityYears, double strike) {
        return levels[i] + skew * Math.log(strike / spots[0]) + term * maturityYears;
    }

    public double price(int i, OptionType type, double strike, double maturityYears) {
        var contract = OptionContract.european(type, strike, maturityYears);
        return BS.price(contract, new PricingInputs(spots[i], rate, dividendYield, vol(i, maturityYears, strike))).price();
    }

    public MarketSession session(int i) {
        LocalDate d = date(i);
        Instant asOf = close(d);
        List<OptionQuote> quotes = new ArrayList<>();
        for (LocalDate e : expiries) {
            Instant exp = close(e);
            if (!exp.isAfter(asOf)) {
                continue;
            }
            double t = (exp.getEpochSecond() - asOf.getEpochSecond()) / (365.0 * 86400);
            for (double k : strikes) {
                for (OptionType type : OptionType.values()) {
                    double p = price(i, type, k, t);
                    double bid = bidAsk ? Math.max(p - halfSpreadUsd, 0) : Double.NaN;
                    double ask = bidAsk ? p + (p - bid) : Double.NaN;
                    quotes.add(new OptionQuote(TICKER, d, asOf, e, exp, k, type, bid, ask, bidAsk ? Double.NaN : p,
                            Double.NaN, PriceUnit.QUOTE_CURRENCY, Double.NaN, 100, 1000, spots[i], rate,
                            dividendYield));
                }
            }
        }
        return new MarketSession(TICKER, d, asOf, spots[i], quotes, Map.of(), null, rate, dividendYield, style);
    }

    /** Forecast made at session i for session i+1: the true surface of i+1 plus {@code biasVolPoints}. */
    public ForecastView trueForecast(int i, double biasVolPoints) {
        return noisyForecast(i, biasVolPoints, 0, 0);
    }

    /**
     * Forecast made at session i for session i+1: the true surface plus a bias and a Gaussian error per session
     * (vol points), seeded.
     */
    public ForecastView noisyForecast(int i, double biasVolPoints, double noiseVolPoints, long seed) {
        LocalDate next = date(i + 1);
        double noise = noiseVolPoints * new Random(seed * 7919 + i).nextGaussian();
        double gapYears = 1 / 365.0;
        double s = spots[i];
        int target = i + 1;
        return new ForecastView() {
            @Override
            public LocalDate forecastFor() {
                return next;
            }

            @Override
            public double impliedVol(double maturityYears, double logMoneyness) {
                // the strike the caller meant: k was measured against session i's forward at T + gap
                double forward = s * Math.exp((rate - dividendYield) * (maturityYears + gapYears));
                double strike = forward * Math.exp(logMoneyness);
                return vol(target, maturityYears, strike) + (biasVolPoints + noise) / 100;
            }
        };
    }

    /** Session inputs with a forecast from {@code forecast.apply(i)} on every session but the last. */
    public List<SessionInput> inputs(java.util.function.IntFunction<ForecastView> forecast) {
        List<SessionInput> out = new ArrayList<>();
        for (int i = 0; i < sessions(); i++) {
            out.add(new SessionInput(session(i), i + 1 < sessions() ? forecast.apply(i) : null));
        }
        return out;
    }

    public static final class Builder {
        private LocalDate start = LocalDate.of(2026, 1, 5);
        private int sessions = 30;
        private double spot0 = 100;
        private double realizedVol = 0.2;
        private double vol0 = 0.2;
        private double volOfVolPoints = 0.0;
        private double skew = 0.0;
        private double term = 0.0;
        private double rate = 0.03;
        private double dividendYield = 0.01;
        private List<LocalDate> expiries;
        private double minStrikeRatio = 0.7;
        private double maxStrikeRatio = 1.3;
        private double strikeStep = 0.025;
        private boolean bidAsk = true;
        private double halfSpreadUsd = 0.01;
        private ExerciseStyle style = ExerciseStyle.EUROPEAN;
        private long seed = 1;

        public Builder sessions(int v) { sessions = v; return this; }
        public Builder spot0(double v) { spot0 = v; return this; }
        public Builder realizedVol(double v) { realizedVol = v; return this; }
        public Builder vol0(double v) { vol0 = v; return this; }
        public Builder volOfVolPoints(double v) { volOfVolPoints = v; return this; }
        public Builder skew(double v) { skew = v; return this; }
        public Builder term(double v) { term = v; return this; }
        public Builder rate(double v) { rate = v; return this; }
        public Builder dividendYield(double v) { dividendYield = v; return this; }
        public Builder expiryDaysFromStart(int... days) {
            expiries = new ArrayList<>();
            for (int d : days) {
                expiries.add(start.plusDays(d));
            }
            return this;
        }
        public Builder strikes(double minRatio, double maxRatio, double step) {
            minStrikeRatio = minRatio;
            maxStrikeRatio = maxRatio;
            strikeStep = step;
            return this;
        }
        public Builder bidAsk(boolean v) { bidAsk = v; return this; }
        public Builder halfSpreadUsd(double v) { halfSpreadUsd = v; return this; }
        public Builder style(ExerciseStyle v) { style = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public GeneratedMarket build() {
            if (expiries == null) {
                expiryDaysFromStart(20, 40, 60, 90, 120);
            }
            return new GeneratedMarket(this);
        }
    }
}
