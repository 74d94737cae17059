package io.volsurf.strategy.config;

/**
 * Everything a backtest's trading logic depends on; immutable, validated on construction (the message
 * names the field). A backtest is a pure function of its sessions and this config, so a run stores it
 * as JSON with its hash. Build one with {@link #builder()}; {@link #usEquity()} and {@link #deribit()}
 * are starting points for the two data sets.
 *
 * <p>Units: vol points (1.0 = 0.01 implied vol); vega budgets in USD of PnL per vol point; days are
 * calendar days; prices and commissions in USD per unit of underlying or per contract as named.
 *
 * @param hedgeMode                      NONE, DELTA or DELTA_GAMMA
 * @param instrument                     SINGLE options or STRADDLEs
 * @param thresholdVolPoints             a trade needs {@code |forecast IV - market IV| > half-spread in vol + threshold}
 * @param otmOnly                        single options: trade out-of-the-money ones only (ITM last prices are stale)
 * @param minDaysToExpiryEntry           no entry into expiries closer than this
 * @param maxDaysToExpiryEntry           no entry into expiries further than this
 * @param maxAbsLogMoneyness             no entry where {@code |ln(K/F)|} exceeds this
 * @param vegaBudgetPerTradeUsd          vega of one new trade, USD per vol point (sizing)
 * @param vegaBudgetTotalUsd             cap on the summed |vega| of open trades, USD per vol point
 * @param maxContractsPerExpiry          cap on |contracts| held by the trading book in one expiry
 * @param maxNewTradesPerSession         at most this many entries per session (best gaps first)
 * @param holdingPeriodSessions          exit after holding this many sessions
 * @param exitGapVolPoints               exit when the gap in the trade's direction has shrunk to this or below
 * @param minDaysToExpiry                exit (and roll the hedge option) at or below this many days to expiry
 * @param halfSpread                     assumed half-spread where the data has no bid/ask
 * @param underlyingHalfSpreadBps        half-spread paid on underlying hedge trades, basis points of spot
 * @param commissionPerContractUsd       commission per option contract, USD
 * @param commissionUnderlyingFraction   commission per option contract as a fraction of the underlying's
 *                                       notional ({@code S x multiplier}); Deribit charges 0.0003
 * @param commissionPremiumCap           cap on an option commission as a fraction of the premium (Deribit 0.125); 0 = none
 * @param commissionPerUnderlyingUnitUsd commission per unit of underlying traded, USD
 * @param commissionPerUnderlyingTradeUsd fixed commission per underlying (hedge) order, USD (a ticket fee)
 * @param contractMultiplier             units of underlying per contract: 100 for US equity options, 1 for Deribit
 * @param optionLot                      option quantities are multiples of this (1 contract US, 0.1 Deribit)
 * @param underlyingLot                  underlying quantities are multiples of this; 0 means continuous
 * @param hedgeVolSource                 IV used for hedge Greeks: FORECAST or MARKET
 * @param hedgeOptionRule                how the delta-gamma hedge option is chosen
 * @param hedgeOptionTargetDays          preferred days to expiry of the hedge option
 * @param hedgeOptionMaxAbsLogMoneyness  the hedge option is replaced once {@code |ln(K/F)|} exceeds this (a far
 *                                       OTM option has little gamma and would need a huge position)
 * @param americanPricing                Greeks of American options: the American engine (default) or the
 *                                       Black-Scholes approximation (priced as European)
 * @param americanEngine                 the American engine: QuantLib's BAW (Barone-Adesi-Whaley, default: about
 *                                       1e-3 relative, fast enough to price every candidate each session), FD
 *                                       (finite differences, the reference) or BJERKSUND (Bjerksund-Stensland
 *                                       1993), or JAVA_BAW (the same BAW in plain Java, analytic Greeks)
 * @param exerciseStyle                  AUTO (per underlying: see {@link ExerciseStyleRule}), AMERICAN or EUROPEAN;
 *                                       a stored run keeps the resolved style
 * @param earlyExercise                  American options past the exercise boundary: EXERCISE (default: longs are
 *                                       exercised, shorts assigned, at the close) or FLAG (kept and flagged)
 * @param earlyExerciseMaxTimeValueUsd   "past the boundary": intrinsic > 0 and the American value (the engine's at
 *                                       the market IV; the mark under the approximation) - intrinsic at or below
 *                                       this, USD per unit
 * @param sessionsPerYear                annualisation of the Sharpe ratio: 252 (US), 365 (crypto trades daily)
 */
public record StrategyConfig(HedgeMode hedgeMode, InstrumentKind instrument, double thresholdVolPoints,
        boolean otmOnly, int minDaysToExpiryEntry, int maxDaysToExpiryEntry, double maxAbsLogMoneyness,
        double vegaBudgetPerTradeUsd, double vegaBudgetTotalUsd, double maxContractsPerExpiry,
        int maxNewTradesPerSession, int holdingPeriodSessions, double exitGapVolPoints, int minDaysToExpiry,
        HalfSpreadAssumption halfSpread, double underlyingHalfSpreadBps, double commissionPerContractUsd,
        double commissionUnderlyingFraction, double commissionPremiumCap, double commissionPerUnderlyingUnitUsd,
        double commissionPerUnderlyingTradeUsd,
        double contractMultiplier, double optionLot, double underlyingLot, HedgeVolSource hedgeVolSource,
        HedgeOptionRule hedgeOptionRule, int hedgeOptionTargetDays, double hedgeOptionMaxAbsLogMoneyness,
        AmericanPricing americanPricing, io.volsurf.greeks.quantlib.AmericanEngine americanEngine,
        ExerciseStyleRule exerciseStyle, EarlyExercise earlyExercise, double earlyExerciseMaxTimeValueUsd, int sessionsPerYear) {

    public StrategyConfig {
        ConfigChecks.required(hedgeMode, "hedgeMode");
        ConfigChecks.required(instrument, "instrument");
        ConfigChecks.nonNegative(thresholdVolPoints, "thresholdVolPoints");
        ConfigChecks.nonNegative(minDaysToExpiryEntry, "minDaysToExpiryEntry");
        ConfigChecks.positive(maxDaysToExpiryEntry, "maxDaysToExpiryEntry");
        if (maxDaysToExpiryEntry < minDaysToExpiryEntry) {
            throw new IllegalArgumentException("maxDaysToExpiryEntry (" + maxDaysToExpiryEntry
                    + ") must be >= minDaysToExpiryEntry (" + minDaysToExpiryEntry + ")");
        }
        ConfigChecks.positive(maxAbsLogMoneyness, "maxAbsLogMoneyness");
        ConfigChecks.positive(vegaBudgetPerTradeUsd, "vegaBudgetPerTradeUsd");
        ConfigChecks.positive(vegaBudgetTotalUsd, "vegaBudgetTotalUsd");
        if (vegaBudgetTotalUsd < vegaBudgetPerTradeUsd) {
            throw new IllegalArgumentException("vegaBudgetTotalUsd (" + vegaBudgetTotalUsd
                    + ") must be >= vegaBudgetPerTradeUsd (" + vegaBudgetPerTradeUsd + ")");
        }
        ConfigChecks.positive(maxContractsPerExpiry, "maxContractsPerExpiry");
        ConfigChecks.nonNegative(maxNewTradesPerSession, "maxNewTradesPerSession");
        ConfigChecks.positive(holdingPeriodSessions, "holdingPeriodSessions");
        if (!Double.isFinite(exitGapVolPoints)) {
            throw new IllegalArgumentException("exitGapVolPoints must be finite, got " + exitGapVolPoints);
        }
        ConfigChecks.nonNegative(minDaysToExpiry, "minDaysToExpiry");
        if (minDaysToExpiryEntry < minDaysToExpiry) {
            throw new IllegalArgumentException("minDaysToExpiryEntry (" + minDaysToExpiryEntry
                    + ") must be >= minDaysToExpiry (" + minDaysToExpiry + "), or entries exit at once");
        }
        ConfigChecks.required(halfSpread, "halfSpread");
        ConfigChecks.nonNegative(underlyingHalfSpreadBps, "underlyingHalfSpreadBps");
        ConfigChecks.nonNegative(commissionPerContractUsd, "commissionPerContractUsd");
        ConfigChecks.nonNegative(commissionUnderlyingFraction, "commissionUnderlyingFraction");
        ConfigChecks.nonNegative(commissionPremiumCap, "commissionPremiumCap");
        ConfigChecks.nonNegative(commissionPerUnderlyingUnitUsd, "commissionPerUnderlyingUnitUsd");
        ConfigChecks.nonNegative(commissionPerUnderlyingTradeUsd, "commissionPerUnderlyingTradeUsd");
        ConfigChecks.positive(contractMultiplier, "contractMultiplier");
        ConfigChecks.positive(optionLot, "optionLot");
        ConfigChecks.nonNegative(underlyingLot, "underlyingLot");
        ConfigChecks.required(hedgeVolSource, "hedgeVolSource");
        ConfigChecks.required(hedgeOptionRule, "hedgeOptionRule");
        ConfigChecks.positive(hedgeOptionTargetDays, "hedgeOptionTargetDays");
        ConfigChecks.positive(hedgeOptionMaxAbsLogMoneyness, "hedgeOptionMaxAbsLogMoneyness");
        ConfigChecks.required(americanPricing, "americanPricing");
        ConfigChecks.required(americanEngine, "americanEngine");
        ConfigChecks.required(exerciseStyle, "exerciseStyle");
        ConfigChecks.required(earlyExercise, "earlyExercise");
        ConfigChecks.nonNegative(earlyExerciseMaxTimeValueUsd, "earlyExerciseMaxTimeValueUsd");
        ConfigChecks.positive(sessionsPerYear, "sessionsPerYear");
    }

    /** Threshold as an implied-vol difference (decimal). */
    public double thresholdVol() {
        return thresholdVolPoints / 100.0;
    }

    /** Exit gap as an implied-vol difference (decimal). */
    public double exitGapVol() {
        return exitGapVolPoints / 100.0;
    }

    /** Defaults for US equity options (multiplier 100, $0.65 a contract, 252 sessions a year). */
    public static StrategyConfig usEquity() {
        return builder().build();
    }

    /**
     * Defaults for Deribit coin options: multiplier 1, 0.1 lots, fee 0.03% of the underlying capped at 12.5% of
     * the premium, real bid/ask (the assumed half-spread only where a side is missing), 365 sessions a year.
     */
    public static StrategyConfig deribit() {
        return builder().contractMultiplier(1).optionLot(0.1).commissionPerContractUsd(0)
                .commissionUnderlyingFraction(0.0003).commissionPremiumCap(0.125).sessionsPerYear(365)
                .vegaBudgetPerTradeUsd(100).vegaBudgetTotalUsd(1000).maxContractsPerExpiry(50).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This config as a builder, to change a few fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hedgeMode = hedgeMode;
        b.instrument = instrument;
        b.thresholdVolPoints = thresholdVolPoints;
        b.otmOnly = otmOnly;
        b.minDaysToExpiryEntry = minDaysToExpiryEntry;
        b.maxDaysToExpiryEntry = maxDaysToExpiryEntry;
        b.maxAbsLogMoneyness = maxAbsLogMoneyness;
        b.vegaBudgetPerTradeUsd = vegaBudgetPerTradeUsd;
        b.vegaBudgetTotalUsd = vegaBudgetTotalUsd;
        b.maxContractsPerExpiry = maxContractsPerExpiry;
        b.maxNewTradesPerSession = maxNewTradesPerSession;
        b.holdingPeriodSessions = holdingPeriodSessions;
        b.exitGapVolPoints = exitGapVolPoints;
        b.minDaysToExpiry = minDaysToExpiry;
        b.halfSpread = halfSpread;
        b.underlyingHalfSpreadBps = underlyingHalfSpreadBps;
        b.commissionPerContractUsd = commissionPerContractUsd;
        b.commissionUnderlyingFraction = commissionUnderlyingFraction;
        b.commissionPremiumCap = commissionPremiumCap;
        b.commissionPerUnderlyingUnitUsd = commissionPerUnderlyingUnitUsd;
        b.commissionPerUnderlyingTradeUsd = commissionPerUnderlyingTradeUsd;
        b.contractMultiplier = contractMultiplier;
        b.optionLot = optionLot;
        b.underlyingLot = underlyingLot;
        b.hedgeVolSource = hedgeVolSource;
        b.hedgeOptionRule = hedgeOptionRule;
        b.hedgeOptionTargetDays = hedgeOptionTargetDays;
        b.hedgeOptionMaxAbsLogMoneyness = hedgeOptionMaxAbsLogMoneyness;
        b.americanPricing = americanPricing;
        b.americanEngine = americanEngine;
        b.exerciseStyle = exerciseStyle;
        b.earlyExercise = earlyExercise;
        b.earlyExerciseMaxTimeValueUsd = earlyExerciseMaxTimeValueUsd;
        b.sessionsPerYear = sessionsPerYear;
        return b;
    }

    /** Builder with the US-equity defaults; {@link #build()} validates. */
    public static final class Builder {
        private HedgeMode hedgeMode = HedgeMode.DELTA;
        private InstrumentKind instrument = InstrumentKind.SINGLE;
        private double thresholdVolPoints = 1.0;
        private boolean otmOnly = true;
        private int minDaysToExpiryEntry = 7;
        private int maxDaysToExpiryEntry = 180;
        private double maxAbsLogMoneyness = 0.25;
        private double vegaBudgetPerTradeUsd = 1_000;
        private double vegaBudgetTotalUsd = 10_000;
        private double maxContractsPerExpiry = 500;
        private int maxNewTradesPerSession = 3;
        private int holdingPeriodSessions = 5;
        private double exitGapVolPoints = 0.0;
        private int minDaysToExpiry = 3;
        private HalfSpreadAssumption halfSpread = new HalfSpreadAssumption(0.02, 0.01);
        private double underlyingHalfSpreadBps = 1.0;
        private double commissionPerContractUsd = 0.65;
        private double commissionUnderlyingFraction = 0.0;
        private double commissionPremiumCap = 0.0;
        private double commissionPerUnderlyingUnitUsd = 0.0;
        private double commissionPerUnderlyingTradeUsd = 0.0;
        private double contractMultiplier = 100;
        private double optionLot = 1;
        private double underlyingLot = 0;
        private HedgeVolSource hedgeVolSource = HedgeVolSource.MARKET;
        private HedgeOptionRule hedgeOptionRule = HedgeOptionRule.NEAREST_ATM_OTHER_EXPIRY;
        private int hedgeOptionTargetDays = 30;
        private double hedgeOptionMaxAbsLogMoneyness = 0.10;
        private AmericanPricing americanPricing = AmericanPricing.AMERICAN_ENGINE;
        private io.volsurf.greeks.quantlib.AmericanEngine americanEngine = io.volsurf.greeks.quantlib.AmericanEngine.BAW;
        private ExerciseStyleRule exerciseStyle = ExerciseStyleRule.AUTO;
        private EarlyExercise earlyExercise = EarlyExercise.EXERCISE;
        private double earlyExerciseMaxTimeValueUsd = 0.01;
        private int sessionsPerYear = 252;

        private Builder() {
        }

        public Builder hedgeMode(HedgeMode v) { hedgeMode = v; return this; }
        public Builder instrument(InstrumentKind v) { instrument = v; return this; }
        public Builder thresholdVolPoints(double v) { thresholdVolPoints = v; return this; }
        public Builder otmOnly(boolean v) { otmOnly = v; return this; }
        public Builder minDaysToExpiryEntry(int v) { minDaysToExpiryEntry = v; return this; }
        public Builder maxDaysToExpiryEntry(int v) { maxDaysToExpiryEntry = v; return this; }
        public Builder maxAbsLogMoneyness(double v) { maxAbsLogMoneyness = v; return this; }
        public Builder vegaBudgetPerTradeUsd(double v) { vegaBudgetPerTradeUsd = v; return this; }
        public Builder vegaBudgetTotalUsd(double v) { vegaBudgetTotalUsd = v; return this; }
        public Builder maxContractsPerExpiry(double v) { maxContractsPerExpiry = v; return this; }
        public Builder maxNewTradesPerSession(int v) { maxNewTradesPerSession = v; return this; }
        public Builder holdingPeriodSessions(int v) { holdingPeriodSessions = v; return this; }
        public Builder exitGapVolPoints(double v) { exitGapVolPoints = v; return this; }
        public Builder minDaysToExpiry(int v) { minDaysToExpiry = v; return this; }
        public Builder halfSpread(HalfSpreadAssumption v) { halfSpread = v; return this; }
        public Builder underlyingHalfSpreadBps(double v) { underlyingHalfSpreadBps = v; return this; }
        public Builder commissionPerContractUsd(double v) { commissionPerContractUsd = v; return this; }
        public Builder commissionUnderlyingFraction(double v) { commissionUnderlyingFraction = v; return this; }
        public Builder commissionPremiumCap(double v) { commissionPremiumCap = v; return this; }
        public Builder commissionPerUnderlyingUnitUsd(double v) { commissionPerUnderlyingUnitUsd = v; return this; }
        public Builder commissionPerUnderlyingTradeUsd(double v) { commissionPerUnderlyingTradeUsd = v; return this; }
        public Builder contractMultiplier(double v) { contractMultiplier = v; return this; }
        public Builder optionLot(double v) { optionLot = v; return this; }
        public Builder underlyingLot(double v) { underlyingLot = v; return this; }
        public Builder hedgeVolSource(HedgeVolSource v) { hedgeVolSource = v; return this; }
        public Builder hedgeOptionRule(HedgeOptionRule v) { hedgeOptionRule = v; return this; }
        public Builder hedgeOptionTargetDays(int v) { hedgeOptionTargetDays = v; return this; }
        public Builder hedgeOptionMaxAbsLogMoneyness(double v) { hedgeOptionMaxAbsLogMoneyness = v; return this; }
        public Builder americanPricing(AmericanPricing v) { americanPricing = v; return this; }
        public Builder americanEngine(io.volsurf.greeks.quantlib.AmericanEngine v) { americanEngine = v; return this; }
        public Builder exerciseStyle(ExerciseStyleRule v) { exerciseStyle = v; return this; }
        public Builder earlyExercise(EarlyExercise v) { earlyExercise = v; return this; }
        public Builder earlyExerciseMaxTimeValueUsd(double v) { earlyExerciseMaxTimeValueUsd = v; return this; }
        public Builder sessionsPerYear(int v) { sessionsPerYear = v; return this; }

        public StrategyConfig build() {
            return new StrategyConfig(hedgeMode, instrument, thresholdVolPoints, otmOnly, minDaysToExpiryEntry,
                    maxDaysToExpiryEntry, maxAbsLogMoneyness, vegaBudgetPerTradeUsd, vegaBudgetTotalUsd,
                    maxContractsPerExpiry, maxNewTradesPerSession, holdingPeriodSessions, exitGapVolPoints,
                    minDaysToExpiry, halfSpread, underlyingHalfSpreadBps, commissionPerContractUsd,
                    commissionUnderlyingFraction, commissionPremiumCap, commissionPerUnderlyingUnitUsd,
                    commissionPerUnderlyingTradeUsd, contractMultiplier, optionLot, underlyingLot, hedgeVolSource, hedgeOptionRule,
                    hedgeOptionTargetDays, hedgeOptionMaxAbsLogMoneyness, americanPricing, americanEngine, exerciseStyle, earlyExercise,
                    earlyExerciseMaxTimeValueUsd,
                    sessionsPerYear);
        }
    }
}
