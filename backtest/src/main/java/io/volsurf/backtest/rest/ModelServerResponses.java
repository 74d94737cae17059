package io.volsurf.backtest.rest;

import io.volsurf.backtest.serving.ArbitrageView;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of the ModelServer API. Volatilities are decimals (0.2 = 20%), total variance is
 * {@code sigma^2 T} in years x vol^2, maturities are years ACT/365F, tenors calendar days, log-moneyness
 * {@code k = ln(K/F)}. Field names are part of the REST contract: add, never rename.
 */
public final class ModelServerResponses {

    private ModelServerResponses() {
    }

    /** One point of a served surface. */
    public record SurfaceCell(double tenorDays, double maturityYears, double logMoneyness, double strike,
            double forward, double totalVariance, double impliedVol, boolean extrapolated) {
    }

    /**
     * The forecast surface on a grid.
     *
     * @param source        where values come from: {@code svi} (the forecast's per-tenor SVI slices) or {@code grid}
     * @param modelBlend    the model's head policy: {@code svi}, {@code grid} or {@code blend}
     * @param grid          {@code canonical} (the model's grid), {@code tenors-k} or {@code tenors-strikes}
     * @param extrapolation the policy applied outside the model's tenors and knots
     */
    public record SurfaceResponse(String ticker, LocalDate date, LocalDate forecastFor, String modelId, String source,
            String modelBlend, String grid, String extrapolation, List<SurfaceCell> cells, List<TenorSvi> svi,
            ArbitrageView arbitrage) {
    }

    /** One implied vol of the forecast surface, read by the same rule as {@link SurfaceResponse}. */
    public record ImpliedVolResponse(String ticker, LocalDate date, LocalDate forecastFor, String modelId,
            double maturityYears, double strike, double forward, double logMoneyness, double totalVariance,
            double impliedVol, boolean extrapolated, String source, String extrapolation) {
    }

    /** A forecast SVI slice at one of the model's tenors, with the forward read at that tenor. */
    public record TenorSvi(int tenorDays, double maturityYears, double forward, double a, double b, double rho,
            double m, double sigma) {
    }

    /** A fitted SVI slice of a listed expiry in the as-of session (the market the forecast starts from). */
    public record MarketSlice(LocalDate expiry, double maturityYears, double forward, double a, double b, double rho,
            double m, double sigma, double minK, double maxK, int quotes, Double rmseVolPoints) {
    }

    /** The SVI parameters: the forecast's per tenor, and the as-of session's per listed expiry. */
    public record SviParamsResponse(String ticker, LocalDate date, LocalDate forecastFor, String modelId,
            String source, List<TenorSvi> tenors, List<MarketSlice> marketSlices) {
    }

    /** What {@code POST /api/v1/chains/{ticker}} stored and refreshed. */
    public record ChainRefreshResponse(String ticker, String format, List<LocalDate> sessions, long accepted,
            long rejected, Map<String, Long> rejectReasons, int surfaces, LocalDate latestSession,
            LocalDate forecastFor, String modelId, String forecastNote) {
    }
}
