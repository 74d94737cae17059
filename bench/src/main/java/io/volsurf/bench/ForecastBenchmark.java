package io.volsurf.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.ResidualBase;
import io.volsurf.forecaster.model.SampleEncoder;
import io.volsurf.forecaster.model.SurfaceForecastNet;
import io.volsurf.forecaster.model.TrainingSummary;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Inference per surface of a default-size forecaster (d_model 32, 4 heads, 2 blocks, N = 5) on a 7 x 7 grid, on one
 * core (one PyTorch thread): encoding (standardisation, sticky-expiry base, SVI fits of the base rows), the network,
 * and the no-arbitrage projector. The weights are untrained (the cost does not depend on their values).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
    "-Dai.djl.pytorch.num_interop_threads=1"})
public class ForecastBenchmark {

    private static final GridSpec SPEC = new GridSpec(new int[] {7, 14, 30, 60, 91, 182, 365},
            new double[] {-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3}, MoneynessScaling.LOG_MONEYNESS);

    @Param({"false", "true"})
    public boolean informerMode;

    private TransformerForecaster forecaster;
    private SurfaceHistory history;
    private SampleEncoder encoder;
    private io.volsurf.forecaster.model.EncodedSample encoded;
    private TransformerForecaster.NetworkOutput output;
    private final StickyExpiryForecaster sticky = new StickyExpiryForecaster();

    @Setup(Level.Trial)
    public void setUp() {
        List<CanonicalSurface> window = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 7, 6);
        for (int i = 0; i < 5; i++) {
            window.add(surface(day.plusDays(i), 0.04 * (1 + 0.05 * i)));
        }
        history = SurfaceHistory.of(window, 3);
        ForecasterConfig d = ForecasterConfig.defaults();
        ForecasterConfig config = new ForecasterConfig(d.useSviHead(), d.useGridHead(), informerMode, d.blend(),
                ResidualBase.BUSINESS_TIME_STICKY_EXPIRY, d.lossWeights(), SPEC, d.features(), d.window(), d.dModel(),
                d.heads(), d.layers(),
                d.dropout(), d.learningRate(), d.weightDecay(), d.epochs(), d.patience(), d.batchSize(),
                d.warmupFraction(), d.validationFraction(), d.huber(), d.blendFitRmseThreshold(),
                d.blendMinObservedFraction(), d.informerFactor(), d.project(), d.seed())
                .withFitted(0.15, null); // the default base needs its theta (0.15: chosen on the 37 US tickers)
        NormalizationStats stats = NormalizationStats.fit(window);
        encoder = new SampleEncoder(config, stats, null);
        Model model = Model.newInstance("bench", Device.cpu(), "PyTorch");
        SurfaceForecastNet net = new SurfaceForecastNet(config, SPEC.tenorCount(), SPEC.knotCount(),
                encoder.featureCount());
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, net.inputShapes());
        forecaster = new TransformerForecaster(model, net, config, stats, new TrainingSummary(List.of(), null, null,
                null, null, 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of()));
        encoded = forecaster.encode(history);
        output = forecaster.predict(encoded);
    }

    TransformerForecaster forecaster() {
        return forecaster;
    }

    SurfaceHistory history() {
        return history;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        forecaster.close();
    }

    /** The whole forecast of one surface: encode, network, SVI layer, projector. */
    @Benchmark
    public SurfaceForecast forecastOneSurface() {
        return forecaster.forecast(history);
    }

    /** Step 1 of the forecast: encoding (Java: standardisation, sticky-expiry base, 7 SVI row fits). */
    @Benchmark
    public Object forecastStepEncode() {
        return forecaster.encode(history);
    }

    /** Step 2: the network alone on an encoded sample (input arrays, forward pass, outputs back to Java). */
    @Benchmark
    public TransformerForecaster.NetworkOutput forecastStepNetwork() {
        return forecaster.predict(encoded);
    }

    /** Step 2 through the network's own forward pass (the unfused reference of FusedInference). */
    @Benchmark
    public TransformerForecaster.NetworkOutput forecastStepNetworkUnfused() {
        return forecaster.predictWithNetwork(encoded);
    }

    /** Step 3: smiles per tenor and the no-arbitrage projector on the network's outputs. */
    @Benchmark
    public SurfaceForecast forecastStepProjector() {
        return forecaster.finish(history, encoded, output);
    }

    /** The encoding alone (Java: standardisation, sticky-expiry base, 7 SVI row fits). */
    @Benchmark
    public Object encodeOneSurface() {
        return encoder.encode(history, null);
    }

    /** The sticky-expiry baseline, for scale. */
    @Benchmark
    public SurfaceForecast stickyExpiryBaseline() {
        return sticky.forecast(history);
    }

    static CanonicalSurface surface(LocalDate day, double v) {
        List<SmileSlice> slices = new ArrayList<>();
        LocalDate expiry = day.plusDays(4);
        for (int i = 0; i < 12; i++) {
            double t = Act365F.years(day, expiry);
            slices.add(new SmileSlice(expiry, t, 100, smile(v, t), -0.4, 0.4, 30, 0.2));
            expiry = expiry.plusDays(i < 6 ? 7 : 60);
        }
        int n = SPEC.cellCount();
        double[] k = new double[n];
        double[] w = new double[n];
        double[] iv = new double[n];
        boolean[] mask = new boolean[n];
        double[] hs = new double[n];
        for (int c = 0; c < n; c++) {
            double t = SPEC.tenorYears(c / SPEC.knotCount());
            k[c] = SPEC.knots()[c % SPEC.knotCount()];
            mask[c] = c % 11 != 0;
            w[c] = mask[c] ? smile(v, t).totalVariance(k[c]) : Double.NaN;
            iv[c] = mask[c] ? Math.sqrt(w[c] / t) : Double.NaN;
            hs[c] = Double.NaN;
        }
        return new CanonicalSurface("BENCH", day, day.atTime(20, 0).toInstant(ZoneOffset.UTC), 100, SPEC, k, w, iv,
                mask, hs, slices);
    }

    private static SviParams smile(double v, double t) {
        double b = 0.15 * Math.sqrt(t);
        double sigma = 0.1 * Math.sqrt(t) + 0.02;
        return new SviParams(v * t - b * sigma, b, -0.5, 0.02, sigma);
    }
}
