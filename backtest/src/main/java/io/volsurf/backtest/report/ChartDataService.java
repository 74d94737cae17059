package io.volsurf.backtest.report;

import io.volsurf.forecaster.calendar.Act365F;
import io.agroal.api.AgroalDataSource;
import io.volsurf.backtest.forecasting.ForecastingService;
import io.volsurf.backtest.report.ChartViews.Curve;
import io.volsurf.backtest.report.ChartViews.DailyError;
import io.volsurf.backtest.report.ChartViews.ForecastErrors;
import io.volsurf.backtest.report.ChartViews.ForecastPoint;
import io.volsurf.backtest.report.ChartViews.GridPoint;
import io.volsurf.backtest.report.ChartViews.QuotePoints;
import io.volsurf.backtest.report.ChartViews.RunChart;
import io.volsurf.backtest.report.ChartViews.RunDay;
import io.volsurf.backtest.report.ChartViews.Runs;
import io.volsurf.backtest.report.ChartViews.Sessions;
import io.volsurf.backtest.report.ChartViews.Smile;
import io.volsurf.backtest.report.ChartViews.SmilesChart;
import io.volsurf.backtest.report.ChartViews.SurfaceChart;
import io.volsurf.backtest.report.ChartViews.TickerInfo;
import io.volsurf.backtest.report.ChartViews.Tickers;
import io.volsurf.backtest.serving.ForecastServer;
import io.volsurf.backtest.serving.ForecastSurfaceReader;
import io.volsurf.backtest.serving.ForecastUnavailableException;
import io.volsurf.backtest.serving.ModelUnavailableException;
import io.volsurf.backtest.serving.ServedForecast;
import io.volsurf.backtest.serving.ServedModel;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.db.report.ChartQueries;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.sample.SurfaceReading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The data behind the charts: the same documents for the served page ({@code /api/v1/report/...}) and the static
 * report. Read-only: surfaces and fits from {@link MarketDataStore}, quotes, evaluations
 * ({@code forecast_vs_realized}) and runs' daily PnL from {@link ChartQueries}, forecasts from the
 * {@link ForecastServer} (so a chart shows exactly what the API serves). This class shapes the charts; the SQL
 * lives in {@code db}.
 */
@ApplicationScoped
public class ChartDataService {

    /** Smiles drawn per session: enough to see the term structure of skew, few enough to read. */
    static final int MAX_SMILES = 12;
    static final int SURFACE_ROWS = 54;
    static final int SURFACE_COLUMNS = 61;
    private static final int SMILE_POINTS = 81;

    private final Instance<AgroalDataSource> dataSource;
    private final ForecastServer forecasts;
    private final ServedModel servedModel;
    private final ReportService reports;

    public ChartDataService(Instance<AgroalDataSource> dataSource, ForecastServer forecasts, ServedModel servedModel,
            ReportService reports) {
        this.dataSource = dataSource;
        this.forecasts = forecasts;
        this.servedModel = servedModel;
        this.reports = reports;
    }

    // ---------------------------------------------------------------- pickers

    public Tickers tickers() {
        List<TickerInfo> out = new ArrayList<>();
        for (ChartQueries.TickerSessions t : queries().tickerSessions()) {
            out.add(new TickerInfo(t.ticker(), t.sessions(), t.first(), t.last()));
        }
        return new Tickers(out, servedModel.tryLoad() ? servedModel.id() : null);
    }

    public Sessions sessions(String ticker) {
        List<LocalDate> dates = market().sessionDates(ticker);
        if (dates.isEmpty()) {
            throw unknownTicker(ticker);
        }
        return new Sessions(ticker, dates);
    }

    public Runs runs() {
        return new Runs(reports.runs());
    }

    // ---------------------------------------------------------------- surfaces

    /** Market and forecast surfaces of {@code ticker} on {@code date} (null: its latest session). */
    public SurfaceChart surface(String ticker, LocalDate date) {
        CanonicalSurface s = session(ticker, date);
        Forecast f = forecast(ticker, s.session());
        GridSpec spec = s.spec();
        int[] tenors = spec.tenorsDays();
        List<Double> rows = linspace(tenors[0], tenors[tenors.length - 1], SURFACE_ROWS);
        double[] kRange = logMoneynessRange(s, f.served());
        List<Double> cols = linspace(kRange[0], kRange[1], SURFACE_COLUMNS);

        List<SmileSlice> slices = s.slices().stream().filter(x -> x.maturityYears() > 0).toList();
        SurfaceReading reading = new SurfaceReading(s);
        List<List<Double>> market = new ArrayList<>();
        List<List<Double>> forecast = f.served() == null ? null : new ArrayList<>();
        for (double days : rows) {
            double t = Act365F.yearsOfDays(days);
            List<Double> m = new ArrayList<>();
            List<Double> g = new ArrayList<>();
            for (double k : cols) {
                m.add(quoted(slices, t, k) ? round(Math.sqrt(Math.max(reading.totalVariance(t, k, 0), 0) / t)) : null);
                if (forecast != null) {
                    ForecastSurfaceReader r = f.served().reader();
                    g.add(r.extrapolated(t, k) ? null : round(r.impliedVol(t, k)));
                }
            }
            market.add(m);
            if (forecast != null) {
                forecast.add(g);
            }
        }
        List<GridPoint> marketCells = new ArrayList<>();
        for (int c = 0; c < spec.cellCount(); c++) {
            if (s.mask()[c] && Double.isFinite(s.impliedVol()[c]) && Double.isFinite(s.logMoneyness()[c])) {
                marketCells.add(new GridPoint(tenors[c / spec.knotCount()], round(s.logMoneyness()[c]),
                        round(s.impliedVol()[c])));
            }
        }
        List<GridPoint> forecastCells = new ArrayList<>();
        if (f.served() != null) {
            var fc = f.served().forecast();
            for (int c = 0; c < fc.spec().cellCount(); c++) {
                forecastCells.add(new GridPoint(fc.spec().tenorsDays()[c / fc.spec().knotCount()],
                        round(fc.logMoneyness()[c]), round(fc.impliedVol(c))));
            }
        }
        return new SurfaceChart(s.ticker(), s.session(), finite(s.spot()), f.forecastFor(), f.modelId(), f.note(),
                rows, cols, market, forecast, marketCells, forecastCells);
    }

    /** True where quotes support (t, k): between two listed expiries and inside both of their quoted strikes. */
    static boolean quoted(List<SmileSlice> slices, double t, double k) {
        for (int i = 0; i < slices.size(); i++) {
            SmileSlice hi = slices.get(i);
            if (Math.abs(hi.maturityYears() - t) < 1e-9) {
                return inside(hi, k);
            }
            if (i > 0 && hi.maturityYears() > t) {
                SmileSlice lo = slices.get(i - 1);
                return lo.maturityYears() < t && inside(lo, k) && inside(hi, k);
            }
        }
        return false;
    }

    private static boolean inside(SmileSlice s, double k) {
        return Double.isFinite(s.minK()) && Double.isFinite(s.maxK()) && k >= s.minK() - 1e-12
                && k <= s.maxK() + 1e-12;
    }

    /** The k range of the canonical grid (market and forecast cells), widened a little, never empty. */
    private static double[] logMoneynessRange(CanonicalSurface s, ServedForecast f) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < s.logMoneyness().length; c++) {
            double k = s.logMoneyness()[c];
            if (s.mask()[c] && Double.isFinite(k)) {
                lo = Math.min(lo, k);
                hi = Math.max(hi, k);
            }
        }
        if (f != null) {
            for (double k : f.forecast().logMoneyness()) {
                lo = Math.min(lo, k);
                hi = Math.max(hi, k);
            }
        }
        if (!(hi > lo)) {
            return new double[] {-0.3, 0.3};
        }
        double pad = 0.1 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    // ---------------------------------------------------------------- smiles

    /** Smiles per expiry of {@code ticker} on {@code date} (null: its latest session). */
    public SmilesChart smiles(String ticker, LocalDate date) {
        CanonicalSurface s = session(ticker, date);
        Forecast f = forecast(ticker, s.session());
        List<SmileSlice> slices = s.slices().stream().filter(x -> x.maturityYears() > 0).toList();
        List<SmileSlice> shown = spread(slices, MAX_SMILES);
        Map<LocalDate, QuoteRows> quotes = quoteVols(ticker, s.session());
        LocalDate next = nextSession(ticker, s.session());
        Map<LocalDate, SmileSlice> nextFits = new LinkedHashMap<>();
        if (next != null) {
            for (CanonicalSurface n : market().surfaces(ticker, next, next)) {
                for (SmileSlice x : n.slices()) {
                    nextFits.putIfAbsent(x.expiry(), x);
                }
            }
        }
        double gapYears = f.forecastFor() == null ? 0 : Act365F.years(s.session(), f.forecastFor());
        List<Smile> smiles = new ArrayList<>();
        for (SmileSlice x : shown) {
            QuoteRows q = quotes.getOrDefault(x.expiry(), new QuoteRows());
            QuotePoints points = q.outOfTheMoney(x.forward());
            double lo = x.minK();
            double hi = x.maxK();
            for (double k : points.logMoneyness()) {
                lo = Math.min(lo, k);
                hi = Math.max(hi, k);
            }
            if (!(hi > lo)) {
                lo = -0.2;
                hi = 0.2;
            }
            double pad = 0.08 * (hi - lo);
            List<Double> ks = linspace(lo - pad, hi + pad, SMILE_POINTS);
            Curve svi = curve(ks, k -> x.svi().impliedVol(k, x.maturityYears()));
            Curve forecast = null;
            boolean extrapolated = false;
            double tNext = x.maturityYears() - gapYears;
            if (f.served() != null && tNext > 0) {
                ForecastSurfaceReader r = f.served().reader();
                forecast = curve(ks, k -> r.impliedVol(tNext, k));
                GridSpec spec = r.spec();
                extrapolated = tNext < spec.tenorYears(0) - 1e-12
                        || tNext > spec.tenorYears(spec.tenorCount() - 1) + 1e-12;
            }
            Curve realized = null;
            SmileSlice n = nextFits.get(x.expiry());
            if (n != null && n.maturityYears() > 0) {
                double nlo = Double.isFinite(n.minK()) ? n.minK() : lo;
                double nhi = Double.isFinite(n.maxK()) ? n.maxK() : hi;
                realized = curve(linspace(nlo, nhi, SMILE_POINTS / 2 + 1),
                        k -> n.svi().impliedVol(k, n.maturityYears()));
            }
            smiles.add(new Smile(x.expiry(), x.maturityYears(), round(x.maturityYears() * 365), x.forward(),
                    x.quotes(), finite(x.rmseVolPoints()), points, svi, forecast, extrapolated, realized));
        }
        return new SmilesChart(s.ticker(), s.session(), f.forecastFor(), next, f.modelId(), f.note(), slices.size(),
                smiles);
    }

    /** At most {@code n} of {@code all}, evenly spread, always the first and the last. */
    static <T> List<T> spread(List<T> all, int n) {
        if (all.size() <= n) {
            return all;
        }
        List<T> out = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < n; i++) {
            int idx = (int) Math.round(i * (all.size() - 1) / (double) (n - 1));
            if (idx != previous) {
                out.add(all.get(idx));
                previous = idx;
            }
        }
        return out;
    }

    private interface VolAt {
        double at(double k);
    }

    private static Curve curve(List<Double> ks, VolAt vol) {
        List<Double> ivs = new ArrayList<>(ks.size());
        for (double k : ks) {
            double v = vol.at(k);
            ivs.add(Double.isFinite(v) ? round(v) : null);
        }
        return new Curve(ks, ivs);
    }

    /** The stored implied vols of one expiry's quotes. */
    private static final class QuoteRows {
        final List<ChartQueries.QuoteVol> rows = new ArrayList<>();

        QuotePoints outOfTheMoney(double sliceForward) {
            List<Double> k = new ArrayList<>();
            List<Double> strike = new ArrayList<>();
            List<Double> mid = new ArrayList<>();
            List<Double> bid = new ArrayList<>();
            List<Double> ask = new ArrayList<>();
            List<String> type = new ArrayList<>();
            for (ChartQueries.QuoteVol r : rows) {
                double forward = Double.isFinite(r.forward()) && r.forward() > 0 ? r.forward() : sliceForward;
                double x = Math.log(r.strike() / forward);
                boolean call = r.call();
                // Out of the money only: the side whose price carries the smile (and the side SVI was fitted to).
                if (call != (x >= 0)) {
                    continue;
                }
                k.add(round(x));
                strike.add(r.strike());
                mid.add(round(r.midVol()));
                bid.add(Double.isFinite(r.bidVol()) ? round(r.bidVol()) : null);
                ask.add(Double.isFinite(r.askVol()) ? round(r.askVol()) : null);
                type.add(call ? "C" : "P");
            }
            return new QuotePoints(k, strike, mid, bid, ask, type);
        }
    }

    private Map<LocalDate, QuoteRows> quoteVols(String ticker, LocalDate session) {
        Map<LocalDate, QuoteRows> out = new LinkedHashMap<>();
        for (ChartQueries.QuoteVol q : queries().quoteVols(ticker, session)) {
            out.computeIfAbsent(q.expiry(), e -> new QuoteRows()).rows.add(q);
        }
        return out;
    }

    // ---------------------------------------------------------------- forecast vs realised

    /**
     * Forecast against realised ATM implied vol at the tenor nearest {@code tenorDays}, and the daily RMSE over
     * every cell, from the latest evaluation of {@code modelId} (null: the most recent evaluation of any model) on
     * {@code ticker}.
     */
    public ForecastErrors forecastErrors(String ticker, String modelId, double tenorDays) {
        sessions(ticker); // 404 for an unknown ticker
        ChartQueries q = queries();
        Optional<ChartQueries.EvaluationRef> evaluation = q.latestEvaluation(ticker, modelId);
        if (evaluation.isEmpty()) {
            return new ForecastErrors(ticker, modelId, null, null, List.of(), List.of(), "no evaluation of "
                    + (modelId == null ? "any model" : "model " + modelId) + " on " + ticker
                    + " is stored: run ./volsurf evaluate --tickers " + ticker);
        }
        long id = evaluation.get().evaluationId();
        OptionalDouble tenor = q.nearestTenor(id, ticker, tenorDays);
        List<ForecastPoint> points = new ArrayList<>();
        ForecastPoint previous = null;
        for (ChartQueries.CellForecast cell : tenor.isPresent() ? q.nearestTheMoney(id, ticker, tenor.getAsDouble())
                : List.<ChartQueries.CellForecast>of()) {
            // the realised vol of the previous origin's target date is this origin's carry-forward forecast
            Double carry = previous != null && previous.forecastFor().equals(cell.asOf())
                    && Math.abs(previous.logMoneyness() - cell.logMoneyness()) < 1e-6 ? previous.realizedIv() : null;
            previous = new ForecastPoint(cell.asOf(), cell.forecastFor(), round(cell.logMoneyness()),
                    round(cell.forecastIv()), round(cell.realizedIv()), carry);
            points.add(previous);
        }
        List<DailyError> daily = new ArrayList<>();
        for (ChartQueries.DailyRmse d : q.dailyRmse(id, ticker)) {
            daily.add(new DailyError(d.forecastFor(), d.cells(), round(d.rmseVolPoints())));
        }
        return new ForecastErrors(ticker, evaluation.get().modelId(), id,
                tenor.isPresent() ? tenor.getAsDouble() : null, points, daily, null);
    }

    // ---------------------------------------------------------------- runs

    /** One backtest run: its summary, daily PnL and attribution; empty when no run has that id. */
    public Optional<RunChart> run(long runId) {
        Optional<Map<String, Object>> found = reports.run(runId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> summary = found.get();
        List<RunDay> days = new ArrayList<>();
        for (ChartQueries.RunDayPnl d : queries().runDays(runId)) {
            days.add(new RunDay(d.session(), d.total(), d.cumulative(), finite(d.portfolioValue()), finite(d.delta()),
                    finite(d.gamma()), finite(d.vega()), finite(d.theta()), finite(d.residual()),
                    finite(d.forecastPredicted()), finite(d.forecastError()), finite(d.attributed())));
        }
        return Optional.of(new RunChart(summary, days));
    }

    // ---------------------------------------------------------------- helpers

    /** A forecast, or why there is none. */
    private record Forecast(ServedForecast served, String note) {
        LocalDate forecastFor() {
            return served == null ? null : served.forecastFor();
        }

        String modelId() {
            return served == null ? null : served.modelId();
        }
    }

    private Forecast forecast(String ticker, LocalDate date) {
        try {
            return new Forecast(forecasts.forecast(ticker, date), null);
        } catch (ModelUnavailableException | ForecastUnavailableException
                | ForecastingService.NoSuchElementException e) {
            return new Forecast(null, "no forecast: " + e.getMessage());
        }
    }

    private CanonicalSurface session(String ticker, LocalDate date) {
        LocalDate d = date;
        if (d == null) {
            List<LocalDate> dates = market().sessionDates(ticker);
            if (dates.isEmpty()) {
                throw unknownTicker(ticker);
            }
            d = dates.get(dates.size() - 1);
        }
        List<CanonicalSurface> one = market().surfaces(ticker, d, d);
        if (one.isEmpty()) {
            if (market().sessionDates(ticker).isEmpty()) {
                throw unknownTicker(ticker);
            }
            throw new ForecastingService.NoSuchElementException(ticker + " has no stored session on " + d
                    + " (GET /api/v1/report/sessions/" + ticker + " lists them)");
        }
        return one.get(0);
    }

    private LocalDate nextSession(String ticker, LocalDate date) {
        return queries().nextSession(ticker, date).orElse(null);
    }

    private static ForecastingService.NoSuchElementException unknownTicker(String ticker) {
        return new ForecastingService.NoSuchElementException("no stored surfaces for ticker " + ticker
                + " (GET /api/v1/report/tickers lists them)");
    }

    static List<Double> linspace(double from, double to, int n) {
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(round(n == 1 ? from : from + (to - from) * i / (n - 1)));
        }
        return out;
    }

    /** Six decimals: a hundredth of a vol point, a micro of log-moneyness; keeps the documents small. */
    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private MarketDataStore market() {
        return new MarketDataStore(dataSource.get());
    }

    private ChartQueries queries() {
        return new ChartQueries(dataSource.get());
    }
}
