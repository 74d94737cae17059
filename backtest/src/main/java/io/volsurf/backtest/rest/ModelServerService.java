package io.volsurf.backtest.rest;

import io.volsurf.forecaster.calendar.Act365F;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volsurf.backtest.rest.ModelServerResponses.ImpliedVolResponse;
import io.volsurf.backtest.rest.ModelServerResponses.MarketSlice;
import io.volsurf.backtest.rest.ModelServerResponses.SurfaceCell;
import io.volsurf.backtest.rest.ModelServerResponses.SurfaceResponse;
import io.volsurf.backtest.rest.ModelServerResponses.SviParamsResponse;
import io.volsurf.backtest.rest.ModelServerResponses.TenorSvi;
import io.volsurf.backtest.serving.ForecastServer;
import io.volsurf.backtest.serving.ForecastSurfaceReader;
import io.volsurf.backtest.serving.ForecastUnavailableException;
import io.volsurf.backtest.serving.ServedForecast;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.svi.SviParams;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ModelServer's documents: forecasts from the {@link ForecastServer} (cached there) mapped to the response records
 * of {@link ModelServerResponses}, and each forecast's JSON documents serialised once per grid request and kept with
 * the forecast.
 */
@ApplicationScoped
public class ModelServerService {

    private final ForecastServer server;
    private final ObjectMapper json;

    public ModelServerService(ForecastServer server, ObjectMapper json) {
        this.server = server;
        this.json = json;
    }

    // ---------------------------------------------------------------- endpoint views

    /** The surface document as JSON, serialised once per forecast and grid request. */
    public byte[] surfaceJson(String ticker, LocalDate date, double[] tenorsDays, double[] k, double[] strikes) {
        ServedForecast f = server.forecast(ticker, date);
        return document(f, surfaceRequest(tenorsDays, k, strikes),
                () -> surface(f, tenorsDays, k, strikes));
    }

    /** The cached surface document, or null when it is not (yet) serialised for this forecast and grid. */
    public byte[] cachedSurfaceJson(String ticker, LocalDate date, double[] tenorsDays, double[] k, double[] strikes) {
        ServedForecast f = server.cachedForecast(ticker, date);
        return f == null ? null : f.json().get(surfaceRequest(tenorsDays, k, strikes));
    }

    /** The SVI parameters document as JSON, serialised once per forecast. */
    public byte[] sviParamsJson(String ticker, LocalDate date) {
        ServedForecast f = server.forecast(ticker, date);
        return document(f, "svi-params", () -> sviParams(f));
    }

    public byte[] cachedSviParamsJson(String ticker, LocalDate date) {
        ServedForecast f = server.cachedForecast(ticker, date);
        return f == null ? null : f.json().get("svi-params");
    }

    /** One implied vol from a cached forecast (a few microseconds of arithmetic), or null when none is cached. */
    public ImpliedVolResponse cachedImpliedVol(String ticker, LocalDate date, double maturityYears, double strike) {
        ServedForecast f = server.cachedForecast(ticker, date);
        return f == null ? null : impliedVol(f, maturityYears, strike);
    }

    private static String surfaceRequest(double[] tenorsDays, double[] k, double[] strikes) {
        if (k != null && strikes != null) {
            throw new BadParameterException("strikes", "give k (log-moneyness) or strikes, not both");
        }
        return "surface|" + Arrays.toString(tenorsDays) + "|" + Arrays.toString(k) + "|" + Arrays.toString(strikes);
    }

    private byte[] document(ServedForecast f, String request, Supplier<Object> build) {
        byte[] cached = f.json().get(request);
        if (cached != null) {
            return cached;
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(build.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the " + request + " document: " + e.getMessage(), e);
        }
        f.json().offer(request, bytes);
        return bytes;
    }

    /** The forecast surface on the requested grid (all arguments already parsed; null = absent). */
    public SurfaceResponse surface(String ticker, LocalDate date, double[] tenorsDays, double[] k, double[] strikes) {
        if (k != null && strikes != null) {
            throw new BadParameterException("strikes", "give k (log-moneyness) or strikes, not both");
        }
        return surface(server.forecast(ticker, date), tenorsDays, k, strikes);
    }

    private SurfaceResponse surface(ServedForecast f, double[] tenorsDays, double[] k, double[] strikes) {
        ForecastSurfaceReader r = f.reader();
        GridSpec spec = r.spec();
        List<SurfaceCell> cells = new ArrayList<>();
        String grid;
        if (tenorsDays == null && k == null && strikes == null) {
            grid = "canonical";
            double[] cellK = f.forecast().logMoneyness();
            for (int c = 0; c < spec.cellCount(); c++) {
                cells.add(cell(f, spec.tenorsDays()[c / spec.knotCount()], cellK[c]));
            }
        } else {
            double[] days = tenorsDays != null ? tenorsDays : toDoubles(spec.tenorsDays());
            grid = strikes != null ? "tenors-strikes" : k != null ? "tenors-k" : "tenors-knots";
            if (strikes != null) {
                requireForward(f);
            }
            for (double d : days) {
                double t = Act365F.yearsOfDays(d);
                if (strikes != null) {
                    for (double strike : strikes) {
                        cells.add(cell(f, d, Math.log(strike / r.forward(t))));
                    }
                } else if (k != null) {
                    for (double x : k) {
                        cells.add(cell(f, d, x));
                    }
                } else {
                    for (int j = 0; j < spec.knotCount(); j++) {
                        cells.add(cell(f, d, r.knotLogMoneyness(j, t)));
                    }
                }
            }
        }
        return new SurfaceResponse(f.ticker(), f.date(), f.forecastFor(), f.modelId(), r.source(), f.modelBlend(), grid,
                ForecastSurfaceReader.EXTRAPOLATION, cells, tenorSvi(f), f.arbitrage());
    }

    /** One implied vol at {@code maturityYears} and {@code strike}, by the surface endpoint's rule. */
    public ImpliedVolResponse impliedVol(String ticker, LocalDate date, double maturityYears, double strike) {
        return impliedVol(server.forecast(ticker, date), maturityYears, strike);
    }

    private static ImpliedVolResponse impliedVol(ServedForecast f, double maturityYears, double strike) {
        requireForward(f);
        ForecastSurfaceReader r = f.reader();
        double forward = r.forward(maturityYears);
        double k = Math.log(strike / forward);
        double w = r.totalVariance(maturityYears, k);
        return new ImpliedVolResponse(f.ticker(), f.date(), f.forecastFor(), f.modelId(), maturityYears, strike,
                forward, k, w, Math.sqrt(w / maturityYears), r.extrapolated(maturityYears, k), r.source(),
                ForecastSurfaceReader.EXTRAPOLATION);
    }

    /** The forecast's SVI slice per model tenor and the as-of session's fitted slices. */
    public SviParamsResponse sviParams(String ticker, LocalDate date) {
        return sviParams(server.forecast(ticker, date));
    }

    private static SviParamsResponse sviParams(ServedForecast f) {
        List<MarketSlice> market = new ArrayList<>();
        for (SmileSlice s : f.latest().slices()) {
            SviParams p = s.svi();
            market.add(new MarketSlice(s.expiry(), s.maturityYears(), s.forward(), p.a(), p.b(), p.rho(), p.m(),
                    p.sigma(), s.minK(), s.maxK(), s.quotes(), finiteOrNull(s.rmseVolPoints())));
        }
        return new SviParamsResponse(f.ticker(), f.date(), f.forecastFor(), f.modelId(), f.reader().source(),
                tenorSvi(f), market);
    }

    private static SurfaceCell cell(ServedForecast f, double tenorDays, double k) {
        ForecastSurfaceReader r = f.reader();
        double t = Act365F.yearsOfDays(tenorDays);
        double w = r.totalVariance(t, k);
        double forward = r.hasForward() ? r.forward(t) : Double.NaN;
        return new SurfaceCell(tenorDays, t, k, r.hasForward() ? forward * Math.exp(k) : 0.0,
                r.hasForward() ? forward : 0.0, w, Math.sqrt(w / t), r.extrapolated(t, k));
    }

    private static List<TenorSvi> tenorSvi(ServedForecast f) {
        List<TenorSvi> out = new ArrayList<>();
        SurfaceForecast fc = f.forecast();
        if (fc.tenorSvi().size() != fc.spec().tenorCount()) {
            return out;
        }
        ForecastSurfaceReader r = f.reader();
        for (int m = 0; m < fc.spec().tenorCount(); m++) {
            SviParams p = fc.tenorSvi().get(m);
            double t = fc.spec().tenorYears(m);
            out.add(new TenorSvi(fc.spec().tenorsDays()[m], t, r.hasForward() ? r.forward(t) : 0.0, p.a(), p.b(),
                    p.rho(), p.m(), p.sigma()));
        }
        return out;
    }

    private static void requireForward(ServedForecast f) {
        if (!f.reader().hasForward()) {
            throw new ForecastUnavailableException(f.ticker() + " " + f.date()
                    + " has neither a spot nor a fitted forward: strikes cannot be mapped to log-moneyness", null);
        }
    }

    private static double[] toDoubles(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
