package io.volsurf.forecaster.model;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.volsurf.forecaster.baseline.LinearForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.projector.CellNoArbitrageProjector;
import io.volsurf.forecaster.projector.ProjectedSurface;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.SurfaceHistory;
import io.volsurf.forecaster.svi.SviParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * A trained spatiotemporal forecaster: encoder, heads, SVI layer, blend, then the no-arbitrage projector.
 * Owns its DJL model (native memory): close it. Forecasts are deterministic (evaluation mode, no dropout).
 */
public final class TransformerForecaster implements SurfaceForecaster, AutoCloseable {

    private final Model model;
    private final SurfaceForecastNet net;
    private final ForecasterConfig config;
    private final NormalizationStats stats;
    private final TrainingSummary summary;
    private final SampleEncoder encoder;
    private final CellNoArbitrageProjector projector = new CellNoArbitrageProjector();
    private final SviRowFitter rowFitter = new SviRowFitter();
    private final LinearForecaster linearBase;
    /** Whether predict runs the fused pass (built at first use) rather than the network's forward. */
    private final boolean fused;
    private FusedInference fusedPass;

    /** @param config the model's configuration, with its grid spec set */
    public TransformerForecaster(Model model, SurfaceForecastNet net, ForecasterConfig config, NormalizationStats stats,
            TrainingSummary summary) {
        this(model, net, config, stats, summary, null);
    }

    /**
     * @param config     the model's configuration, with its grid spec set
     * @param linearBase the ridge forecaster fitted in training, for {@code residual_base=linear} (null otherwise)
     */
    public TransformerForecaster(Model model, SurfaceForecastNet net, ForecasterConfig config, NormalizationStats stats,
            TrainingSummary summary, LinearForecaster linearBase) {
        this(model, net, config, stats, summary, linearBase, true);
    }

    /**
     * @param fused false for a view of a network still in training: {@link #predict} then runs the network's own
     *              forward pass on the current parameters; true reads the parameters once, at the first forecast
     *              (they must not change after it), into {@link FusedInference}
     */
    TransformerForecaster(Model model, SurfaceForecastNet net, ForecasterConfig config, NormalizationStats stats,
            TrainingSummary summary, LinearForecaster linearBase, boolean fused) {
        if (config.gridSpec() == null) {
            throw new IllegalArgumentException("config.gridSpec must be set on a trained model");
        }
        this.model = model;
        this.net = net;
        this.config = config;
        this.stats = stats;
        this.summary = summary;
        this.linearBase = linearBase;
        this.fused = fused;
        this.encoder = new SampleEncoder(config, stats, null, linearBase);
    }

    @Override
    public String name() {
        return "model";
    }

    public ForecasterConfig config() {
        return config;
    }

    public NormalizationStats stats() {
        return stats;
    }

    public TrainingSummary summary() {
        return summary;
    }

    /** The same network under another summary; this instance hands its model over and must not be used again. */
    TransformerForecaster withSummary(TrainingSummary replaced) {
        return new TransformerForecaster(model, net, config, stats, replaced, linearBase, fused);
    }

    /** Trainable parameters of the network (every weight, both heads where configured). */
    public long parameterCount() {
        long n = 0;
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : net.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /** The ridge forecaster of {@code residual_base=linear}, saved with the model; null for the other bases. */
    public LinearForecaster linearBase() {
        return linearBase;
    }

    SurfaceForecastNet net() {
        return net;
    }

    Model djlModel() {
        return model;
    }

    @Override
    public SurfaceForecast forecast(SurfaceHistory history) {
        EncodedSample e = encode(history);
        if (baseOnly()) {
            // every factor 0: the network's output is not read, so it is not run
            float[] base = e.inputs()[ModelInputs.BASE];
            return finish(history, e, new NetworkOutput(base, new float[config.gridSpec().tenorCount() * 5]));
        }
        return finish(history, e, predict(e));
    }

    /** True when the folds kept no correction at any tenor: the model is its residual base. */
    public boolean baseOnly() {
        return config.tenorShrink() != null && config.tenorShrink().stream().allMatch(f -> f == 0.0);
    }

    /** The network's raw outputs for one sample: total variance per cell and SVI parameters per tenor. */
    public record NetworkOutput(float[] totalVariance, float[] svi) {
    }

    /** Step 1 of {@link #forecast}: the history as the network's inputs. */
    public EncodedSample encode(SurfaceHistory history) {
        return encoder.encode(history, null);
    }

    /**
     * Step 2 of {@link #forecast}: the network on one encoded sample, with autograd off on this thread (the weights
     * carry gradients from training; recording a graph per forecast roughly doubled the network's time). Runs
     * {@link FusedInference}: the same maths in a quarter of the eager ops.
     */
    public NetworkOutput predict(EncodedSample e) {
        if (!fused) {
            return predictWithNetwork(e);
        }
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return fusedPass().predict(e);
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    private synchronized FusedInference fusedPass() {
        if (fusedPass == null) {
            fusedPass = new FusedInference(net, model.getNDManager());
        }
        return fusedPass;
    }

    /**
     * {@link #predict} through the network's own forward pass (the training-time definition, ~3x the eager ops):
     * the reference FusedInference is tested and benchmarked against.
     */
    public NetworkOutput predictWithNetwork(EncodedSample e) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList in = EncodedBatch.inputs(manager, List.of(e), net.inputShapes());
            NDList out = net.forward(new ParameterStore(manager, false), in, false);
            return new NetworkOutput(out.get(ModelInputs.OUT_W).toFloatArray(),
                    out.get(ModelInputs.OUT_SVI).toFloatArray());
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * Step 3 of {@link #forecast}: the forecast cells, then the no-arbitrage projection.
     *
     * <p>With per-tenor factors ({@code tenorShrink}, set by the validation folds) a cell is the residual base plus
     * the factor times the network's change from its untrained output ({@link #correctedCells}), so that a factor of
     * 0, or a network that learned nothing, is the base exactly; the projection ({@link CellNoArbitrageProjector})
     * leaves arbitrage-free cells as they are, and the forecast has no per-tenor smiles: its readers interpolate
     * the cells (total variance linear in log-moneyness between cells, flat beyond, linear in maturity), the rule
     * the projection checks. Without factors (a model saved before them, or {@code folds=0}) the cells are the
     * network's output.
     */
    public SurfaceForecast finish(SurfaceHistory history, EncodedSample e, NetworkOutput out) {
        GridSpec spec = config.gridSpec();
        int tenors = spec.tenorCount();
        int knots = spec.knotCount();
        float[] w = out.totalVariance();
        for (int c = 0; c < w.length; c++) {
            if (!Float.isFinite(w[c])) {
                throw new IllegalStateException("model produced a non-finite total variance at cell " + c + " for "
                        + history.ticker() + " " + history.latest().session());
            }
        }
        double[] cellW = config.tenorShrink() != null ? correctedCells(e, out, config::shrink) : networkCells(w);
        if (config.project()) {
            ProjectedSurface p = projectCells(e, cellW);
            return new SurfaceForecast(history.ticker(), e.forecastFor(), spec, e.kCells(), p.totalVariance(),
                    List.of(), p.report());
        }
        float[] svi = out.svi();
        List<SviParams> smiles = new ArrayList<>(tenors);
        for (int m = 0; m < tenors; m++) {
            double shrink = config.shrink(m);
            if (shrink == 0.0) {
                smiles.add(e.startSmiles().get(m)); // the base's own row fit
            } else if (e.gridRows()[m] || shrink < 1.0) {
                smiles.add(rowFitter.fit(Arrays.copyOfRange(e.kCells(), m * knots, (m + 1) * knots),
                        Arrays.copyOfRange(cellW, m * knots, (m + 1) * knots)).params());
            } else {
                smiles.add(new SviParams(svi[m * 5], svi[m * 5 + 1], svi[m * 5 + 2], svi[m * 5 + 3], svi[m * 5 + 4]));
            }
        }
        return new SurfaceForecast(history.ticker(), e.forecastFor(), spec, e.kCells(), cellW, smiles, null);
    }

    private static double[] networkCells(float[] w) {
        double[] cellW = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            cellW[c] = Math.max(w[c], 0);
        }
        return cellW;
    }

    /**
     * Per cell {@code max(base + f(tenor) (w - w0), 0)}: the residual base plus the factor times the network's change
     * from its untrained output {@code w0} (the SVI layer at the base's row fits, or the base itself on rows the
     * grid head carries). A factor of 0 is the base bit for bit.
     */
    public double[] correctedCells(EncodedSample e, NetworkOutput out, IntToDoubleFunction factorOfTenor) {
        int knots = config.gridSpec().knotCount();
        float[] w = out.totalVariance();
        float[] base = e.inputs()[ModelInputs.BASE];
        double[] w0 = untrainedOutput(e);
        double[] cellW = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            double f = factorOfTenor.applyAsDouble(c / knots);
            cellW[c] = f == 0.0 ? Math.max(base[c], 0) : Math.max(base[c] + f * (w[c] - w0[c]), 0);
        }
        return cellW;
    }

    /** What the network outputs before any training (its output layers start at zero). */
    private double[] untrainedOutput(EncodedSample e) {
        int knots = config.gridSpec().knotCount();
        float[] base = e.inputs()[ModelInputs.BASE];
        float[] gridWeight = e.inputs()[ModelInputs.GRID_WEIGHT];
        double[] w0 = new double[base.length];
        for (int c = 0; c < w0.length; c++) {
            double svi = e.startSmiles().get(c / knots).totalVariance(e.kCells()[c]);
            double grid = config.useGridHead() ? base[c] : svi;
            w0[c] = (1 - gridWeight[c]) * svi + gridWeight[c] * grid;
        }
        return w0;
    }

    /** The cells through the no-arbitrage projection; a violating row's repair target is its SVI refit. */
    public ProjectedSurface projectCells(EncodedSample e, double[] cellW) {
        GridSpec spec = config.gridSpec();
        int knots = spec.knotCount();
        double[] maturities = new double[spec.tenorCount()];
        for (int m = 0; m < maturities.length; m++) {
            maturities[m] = spec.tenorYears(m);
        }
        return projector.project(maturities, e.kCells(), cellW, m -> rowFitter.fit(
                Arrays.copyOfRange(e.kCells(), m * knots, (m + 1) * knots),
                Arrays.copyOfRange(cellW, m * knots, (m + 1) * knots)).params());
    }

    @Override
    public synchronized void close() {
        if (fusedPass != null) {
            fusedPass.close();
            fusedPass = null;
        }
        model.close();
    }
}
