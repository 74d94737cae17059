package io.volsurf.forecaster.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.volsurf.forecaster.baseline.BusinessTimeStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.EventVarianceStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.projector.CellNoArbitrageProjector;
import io.volsurf.forecaster.baseline.LinearForecaster;
import io.volsurf.forecaster.baseline.MeanReversionForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.eval.ForecastEvaluator;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.sample.NormalizationStats;
import io.volsurf.forecaster.sample.TrainingSample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Trains the forecaster on samples pooled across tickers (shared weights, per-ticker standardisation), split by
 * time: the latest {@code validationFraction} of target sessions validate, and only pairs whose target precedes
 * them train (walk-forward, no future session in training). AdamW with linear warm-up then cosine decay, gradient
 * clipping, early stopping on the validation data loss (or, with {@code early_stopping=vol_rmse}, on evaluate's RMSE in
 * vol points of the finished forecasts) with the untrained residual model (epoch 0) as a candidate,
 * fixed seeds for initialisation, dropout and shuffling. Safe to run on several threads at once, with the same
 * result as alone ({@link TorchConcurrency}).
 */
public final class ForecastTrainer {

    private static final int EVAL_BATCH = 64;

    /** Shrink factors tried per tenor: 0, 1/SHRINK_STEPS, ..., 1. */
    static final int SHRINK_STEPS = 10;

    private final ForecasterConfig config;

    public ForecastTrainer(ForecasterConfig config) {
        this.config = config;
    }

    public TransformerForecaster train(List<TrainingSample> samples, TrainingProgressListener listener) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples: nothing to train on");
        }
        GridSpec spec = samples.get(0).target().spec();
        if (config.gridSpec() != null && !config.gridSpec().equals(spec)) {
            throw new IllegalArgumentException("grid_spec: the samples' " + spec + " differs from the config's");
        }
        if (config.tenorShrink() != null && config.tenorShrink().size() != spec.tenorCount()) {
            throw new IllegalArgumentException("tenor_shrink: " + config.tenorShrink().size() + " factors for the "
                    + spec.tenorCount() + " tenors of " + spec);
        }
        List<TrainingSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing((TrainingSample s) -> s.target().session())
                .thenComparing(s -> s.target().ticker()));
        TreeSet<LocalDate> sessions = new TreeSet<>();
        sorted.forEach(s -> sessions.add(s.target().session()));
        if (sessions.size() < 2) {
            throw new IllegalArgumentException("samples: need at least 2 distinct target sessions to split by time");
        }
        ForecasterConfig cfg = config.withGridSpec(spec);
        List<LocalDate> days = new ArrayList<>(sessions);
        int block = Math.max(1, (int) Math.round(cfg.validationFraction() / 2 * days.size()));
        int validationSessions = Math.max(1, (int) Math.round(cfg.validationFraction() * days.size()));
        validationSessions = Math.min(validationSessions, days.size() - 1);
        Map<String, Double> baseRmse = Map.of();
        if (cfg.residualBase() == ResidualBase.AUTO) {
            // scored on the pairs that validate (the folds' blocks, else the validation slice), all in the training range
            int scored = cfg.folds() > 0 && days.size() - cfg.folds() * block >= 2 ? cfg.folds() * block
                    : validationSessions;
            LocalDate firstScored = days.get(days.size() - scored);
            List<TrainingSample> scoredPairs = sorted.stream()
                    .filter(s -> !s.target().session().isBefore(firstScored)).toList();
            double theta = cfg.businessTimeTheta() != null ? cfg.businessTimeTheta()
                    : BusinessTimeStickyExpiryForecaster.fit(sorted).theta();
            Map<ResidualBase, Double> rmse = residualBaseRmse(scoredPairs, theta);
            ResidualBase chosen = rmse.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
            cfg = cfg.withResidualBase(chosen);
            if (chosen.usesBusinessTime()) {
                cfg = cfg.withFitted(theta, cfg.tenorShrink());
            }
            Map<String, Double> named = new java.util.LinkedHashMap<>();
            rmse.forEach((b, v) -> named.put(b.name().toLowerCase(Locale.ROOT), v));
            baseRmse = named;
        }
        if (cfg.residualBase().usesBusinessTime() && cfg.businessTimeTheta() == null) {
            // chosen on the pairs given, every one of which precedes whatever the model will be scored on
            cfg = cfg.withFitted(BusinessTimeStickyExpiryForecaster.fit(sorted).theta(), cfg.tenorShrink());
        }
        boolean folds = cfg.tenorShrink() == null && cfg.folds() > 0 && cfg.residualBase() != ResidualBase.LINEAR
                && days.size() - cfg.folds() * block >= 2;
        if (folds) {
            return trainWithFolds(cfg, sorted, days, block, listener, baseRmse);
        }
        LocalDate firstValidation = days.get(days.size() - validationSessions);
        List<TrainingSample> train = sorted.stream().filter(s -> s.target().session().isBefore(firstValidation))
                .toList();
        List<TrainingSample> validation = sorted.stream()
                .filter(s -> !s.target().session().isBefore(firstValidation)).toList();
        return fitOnce(cfg, train, validation, sorted, listener, cfg.epochs(), null);
    }

    /**
     * The no-harm path. The latest {@code folds} blocks of {@code block} sessions are validation folds: fold f trains
     * (with early stopping on its block) on every pair before its block. Per tenor the factor in 0, 0.1, ..., 1 that
     * scales the fold models' correction over the base is chosen maximin: the one whose smallest relative gain in
     * squared vol error over the base, across the folds, is largest (ties: the smaller factor); a tenor where no
     * factor gains in every fold gets 0, the base. The final model trains on every pair for the median of the folds'
     * best epochs, without a validation slice, and applies the factors at forecast time (no training at all when
     * every factor is 0).
     */
    private TransformerForecaster trainWithFolds(ForecasterConfig cfg, List<TrainingSample> sorted,
            List<LocalDate> days, int block, TrainingProgressListener listener, Map<String, Double> residualBaseRmse) {
        GridSpec spec = cfg.gridSpec();
        int tenors = spec.tenorCount();
        int knots = spec.knotCount();
        int steps = SHRINK_STEPS;
        double[][] sq = new double[tenors][steps + 1];
        double[][][] foldSq = new double[cfg.folds()][tenors][steps + 1];
        long[] cells = new long[tenors];
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        List<Integer> bestEpochs = new ArrayList<>();
        double initialLoss = 0;
        double bestLoss = 0;
        for (int f = 0; f < cfg.folds(); f++) {
            int start = days.size() - (cfg.folds() - f) * block;
            LocalDate first = days.get(start);
            LocalDate last = days.get(start + block - 1);
            List<TrainingSample> train = sorted.stream().filter(s -> s.target().session().isBefore(first)).toList();
            List<TrainingSample> validation = sorted.stream().filter(s -> !s.target().session().isBefore(first)
                    && !s.target().session().isAfter(last)).toList();
            from.add(first.toString());
            to.add(last.toString());
            try (TransformerForecaster fold = fitOnce(cfg, train, validation, train, listener, cfg.epochs(), null)) {
                bestEpochs.add(fold.summary().bestEpoch());
                initialLoss += fold.summary().initialValidationLoss() / cfg.folds();
                bestLoss += fold.summary().bestValidationLoss() / cfg.folds();
                for (TrainingSample p : validation) {
                    EncodedSample e = fold.encode(p.history());
                    // a fold that kept its untrained model found no correction: every factor is the base
                    TransformerForecaster.NetworkOutput out = fold.summary().bestEpoch() == 0 ? null : fold.predict(e);
                    // each factor's forecast is read as the user gets it: corrected cells through the projection
                    double[][] projected = new double[steps + 1][];
                    for (int i = 0; i <= steps; i++) {
                        double factor = (double) i / steps;
                        projected[i] = out == null && i > 0 ? projected[0]
                                : fold.projectCells(e, out == null ? fold.correctedCells(e,
                                        new TransformerForecaster.NetworkOutput(e.inputs()[ModelInputs.BASE], null),
                                        m -> 0.0) : fold.correctedCells(e, out, m -> factor)).totalVariance();
                    }
                    CanonicalSurface target = p.target();
                    for (int c = 0; c < spec.cellCount(); c++) {
                        double wt = target.totalVariance()[c];
                        if (!target.mask()[c] || !Double.isFinite(wt) || wt < 0) {
                            continue;
                        }
                        int m = c / knots;
                        double t = spec.tenorYears(m);
                        double volTrue = Math.sqrt(wt / t);
                        for (int i = 0; i <= steps; i++) {
                            double err = 100 * (Math.sqrt(Math.max(projected[i][c], 0) / t) - volTrue);
                            sq[m][i] += err * err;
                            foldSq[f][m][i] += err * err;
                        }
                        cells[m]++;
                    }
                }
            }
        }
        List<Double> shrink = new ArrayList<>();
        List<Double> baseRmse = new ArrayList<>();
        List<Double> netRmse = new ArrayList<>();
        List<Double> shrunkRmse = new ArrayList<>();
        for (int m = 0; m < tenors; m++) {
            int best = maximinShrink(foldSq, m);
            long n = Math.max(cells[m], 1);
            shrink.add((double) best / steps);
            baseRmse.add(Math.sqrt(sq[m][0] / n));
            netRmse.add(Math.sqrt(sq[m][steps] / n));
            shrunkRmse.add(Math.sqrt(sq[m][best] / n));
        }
        List<Integer> ordered = new ArrayList<>(bestEpochs);
        ordered.sort(null);
        int epochs = ordered.get((ordered.size() - 1) / 2);
        TrainingSummary.FoldReport report = new TrainingSummary.FoldReport(from, to, bestEpochs, epochs, baseRmse,
                netRmse, shrunkRmse, shrink, residualBaseRmse);
        boolean base = shrink.stream().allMatch(v -> v == 0.0) || epochs == 0;
        ForecasterConfig fitted = cfg.withFitted(cfg.businessTimeTheta(), base ? zeros(tenors) : shrink);
        // nothing of the network is kept: the untrained model is the base, no need to train it
        TransformerForecaster finalModel = fitOnce(fitted, sorted, List.of(), sorted, listener, base ? 0 : epochs,
                report);
        TrainingSummary s = finalModel.summary();
        LocalDate foldsFrom = LocalDate.parse(from.get(0));
        int foldPairs = (int) sorted.stream().filter(p -> !p.target().session().isBefore(foldsFrom)).count();
        TrainingSummary withFolds = new TrainingSummary(s.tickers(), s.trainFrom(), s.trainTo(), from.get(0),
                to.get(to.size() - 1), s.trainSamples(), foldPairs, s.epochsRun(), s.bestEpoch(),
                initialLoss, bestLoss, s.trainLoss(), s.validationLoss(), s.featureNames(), report);
        return finalModel.withSummary(withFolds);
    }

    /**
     * RMSE in vol points on the pairs' observed cells of each candidate residual base (carry-forward, sticky-expiry,
     * business-time sticky-expiry at {@code theta}), each forecast read through the no-arbitrage projection as the
     * model would hand it out. Iteration order: the candidates in that order.
     */
    static Map<ResidualBase, Double> residualBaseRmse(List<TrainingSample> pairs, double theta) {
        Map<ResidualBase, SurfaceForecaster> candidates = new java.util.LinkedHashMap<>();
        candidates.put(ResidualBase.CARRY_FORWARD, new CarryForwardForecaster());
        candidates.put(ResidualBase.STICKY_EXPIRY, new StickyExpiryForecaster());
        candidates.put(ResidualBase.BUSINESS_TIME_STICKY_EXPIRY, new BusinessTimeStickyExpiryForecaster(theta));
        candidates.put(ResidualBase.EVENT_VARIANCE_STICKY_EXPIRY, new EventVarianceStickyExpiryForecaster(theta));
        CellNoArbitrageProjector projector = new CellNoArbitrageProjector();
        SviRowFitter fitter = new SviRowFitter();
        Map<ResidualBase, Double> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<ResidualBase, SurfaceForecaster> c : candidates.entrySet()) {
            double sq = 0;
            long n = 0;
            for (TrainingSample p : pairs) {
                SurfaceForecast f = c.getValue().forecast(p.history());
                GridSpec spec = f.spec();
                int knots = spec.knotCount();
                double[] t = new double[spec.tenorCount()];
                for (int m = 0; m < t.length; m++) {
                    t[m] = spec.tenorYears(m);
                }
                double[] k = f.logMoneyness();
                double[] cells = f.totalVariance();
                double[] w = projector.project(t, k, cells, m -> fitter.fit(
                        java.util.Arrays.copyOfRange(k, m * knots, (m + 1) * knots),
                        positive(java.util.Arrays.copyOfRange(cells, m * knots, (m + 1) * knots))).params())
                        .totalVariance();
                CanonicalSurface target = p.target();
                for (int cell = 0; cell < w.length; cell++) {
                    double wt = target.totalVariance()[cell];
                    if (!target.mask()[cell] || !Double.isFinite(wt) || wt < 0) {
                        continue;
                    }
                    double tm = t[cell / knots];
                    double err = 100 * (Math.sqrt(Math.max(w[cell], 0) / tm) - Math.sqrt(wt / tm));
                    sq += err * err;
                    n++;
                }
            }
            out.put(c.getKey(), n == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(sq / n));
        }
        return out;
    }

    private static double[] positive(double[] w) {
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.max(w[i], 0);
        }
        return w;
    }

    /**
     * Index of the shrink factor for tenor {@code m}: the one whose worst fold gains most over the base (index 0) in
     * squared vol error, relative to the base's; 0 when no factor gains in every fold.
     *
     * @param foldSq per fold, per tenor, per factor index: the summed squared vol error on the fold's block
     */
    static int maximinShrink(double[][][] foldSq, int m) {
        int best = 0;
        double bestWorst = 0;
        for (int i = 1; i < foldSq[0][m].length; i++) {
            double worst = Double.POSITIVE_INFINITY;
            for (double[][] fold : foldSq) {
                double gain = fold[m][0] > 0 ? (fold[m][0] - fold[m][i]) / fold[m][0] : 0;
                worst = Math.min(worst, gain);
            }
            if (worst > bestWorst + 1e-12) {
                bestWorst = worst;
                best = i;
            }
        }
        return best;
    }

    /** Weights are kept within this factor of 1 either way: a ticker with hardly any error must not take over. */
    static final double MAX_TICKER_WEIGHT = 10;

    /**
     * Per ticker the weight that gives its cells the pooled mean data loss of the residual base: weight = pooled mean
     * squared standardised error of the base / the ticker's own, within [1/10, 10]. With the weights every ticker's
     * share of the base's loss is its share of the observed cells, whatever its noise or its scale.
     */
    static Map<String, Double> tickerLossWeights(List<EncodedSample> samples) {
        Map<String, double[]> byTicker = new java.util.TreeMap<>();
        double sq = 0;
        double n = 0;
        for (EncodedSample e : samples) {
            float[] base = e.inputs()[ModelInputs.BASE];
            float[] scale = e.inputs()[ModelInputs.SCALE];
            double[] acc = byTicker.computeIfAbsent(e.ticker().toUpperCase(Locale.ROOT), t -> new double[2]);
            for (int c = 0; c < base.length; c++) {
                if (e.targetMask()[c] > 0) {
                    double err = (base[c] - e.target()[c]) / scale[c];
                    acc[0] += err * err;
                    acc[1]++;
                    sq += err * err;
                    n++;
                }
            }
        }
        Map<String, Double> out = new java.util.TreeMap<>();
        if (n == 0 || sq == 0) {
            return out;
        }
        double pooled = sq / n;
        for (Map.Entry<String, double[]> t : byTicker.entrySet()) {
            double own = t.getValue()[1] > 0 ? t.getValue()[0] / t.getValue()[1] : pooled;
            double w = own > 0 ? pooled / own : MAX_TICKER_WEIGHT;
            out.put(t.getKey(), Math.max(1 / MAX_TICKER_WEIGHT, Math.min(MAX_TICKER_WEIGHT, w)));
        }
        return out;
    }

    /** The samples with each observed target cell weighted by its ticker's weight (the mask carries the weight). */
    static List<EncodedSample> weighted(List<EncodedSample> samples, Map<String, Double> weights) {
        List<EncodedSample> out = new ArrayList<>(samples.size());
        for (EncodedSample e : samples) {
            double w = weights.getOrDefault(e.ticker().toUpperCase(Locale.ROOT), 1.0);
            float[] mask = e.targetMask().clone();
            for (int c = 0; c < mask.length; c++) {
                mask[c] *= (float) w;
            }
            out.add(new EncodedSample(e.ticker(), e.forecastFor(), e.inputs(), e.target(), mask, e.temporalRef(),
                    e.halfSpreadW(), e.spreadMask(), e.fineK(), e.kCells(), e.startSmiles(), e.gridRows()));
        }
        return out;
    }

    private static List<Double> zeros(int n) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(0.0);
        }
        return out;
    }

    /**
     * One training run: statistics and bases fitted on {@code train}, early stopping on {@code validation} (the
     * untrained model a candidate); with no validation pairs, exactly {@code epochs} epochs (0: the untrained model).
     *
     * @param refitPairs the pairs the ridge base is refitted on after model selection ({@code linear_refit})
     */
    private TransformerForecaster fitOnce(ForecasterConfig cfg, List<TrainingSample> train,
            List<TrainingSample> validation, List<TrainingSample> refitPairs, TrainingProgressListener listener,
            int epochs, TrainingSummary.FoldReport folds) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("samples: no training pair precedes the validation sessions");
        }
        GridSpec spec = cfg.gridSpec();
        List<CanonicalSurface> trainSurfaces = new ArrayList<>();
        train.forEach(s -> {
            trainSurfaces.addAll(s.history().surfaces());
            trainSurfaces.add(s.target());
        });
        NormalizationStats stats = NormalizationStats.fit(trainSurfaces);
        MeanReversionForecaster drift = cfg.lossWeights().temporal() > 0 ? MeanReversionForecaster.fit(train) : null;
        // the ridge base is fitted on the training pairs only and its penalty chosen on validation
        LinearForecaster linear = cfg.residualBase() == ResidualBase.LINEAR
                ? chooseRidge(train, validation, cfg.linearLambdas()) : null;
        SampleEncoder encoder = new SampleEncoder(cfg, stats, drift, linear);
        List<EncodedSample> trainRaw = train.stream().map(s -> encoder.encode(s.history(), s.target())).toList();
        List<EncodedSample> valRaw = validation.stream().map(s -> encoder.encode(s.history(), s.target())).toList();
        Map<String, Double> tickerWeights = cfg.tickerLossWeights() ? tickerLossWeights(trainRaw) : Map.of();
        List<EncodedSample> trainEncoded = tickerWeights.isEmpty() ? trainRaw : weighted(trainRaw, tickerWeights);
        List<EncodedSample> valEncoded = tickerWeights.isEmpty() ? valRaw : weighted(valRaw, tickerWeights);

        TorchConcurrency.noGradientsOnThisThread(); // this thread may be a walk-forward worker
        Model model = Model.newInstance("volsurf-forecaster", Device.cpu(), "PyTorch");
        try {
            SurfaceForecastNet net = new SurfaceForecastNet(cfg, spec.tenorCount(), spec.knotCount(),
                    encoder.featureCount());
            model.setBlock(net);
            // the validation view runs the network's own forward: its parameters change every epoch
            ValidationMetric metric = validation.isEmpty() ? null
                    : cfg.earlyStopping() == EarlyStopping.VOL_RMSE
                    ? volRmse(new TransformerForecaster(model, net, cfg, stats, null, linear, false), validation)
                    : (m, n, l, shapes, tenors) -> validationLoss(m, n, l, valEncoded, shapes, tenors);
            TrainingSummary summary = fit(model, net, cfg, trainEncoded, metric, epochs, spec, listener, train,
                    validation);
            if (linear != null && cfg.linearRefit()) {
                // model selection done: the ridge may now see every pair of the training range (as evaluate's does)
                linear = LinearForecaster.fit(refitPairs, linear.lambda());
            }
            return new TransformerForecaster(model, net, cfg, stats, summary, linear);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The ridge fitted on {@code train} whose RMSE (vol points) on {@code validation} is lowest; ties: the first. */
    static LinearForecaster chooseRidge(List<TrainingSample> train, List<TrainingSample> validation,
            List<Double> lambdas) {
        LinearForecaster best = null;
        double bestRmse = Double.POSITIVE_INFINITY;
        for (double lambda : lambdas) {
            LinearForecaster candidate = LinearForecaster.fit(train, lambda);
            double rmse = new ForecastEvaluator().evaluate(validation, candidate, List.of()).model().rmseVolPoints();
            if (best == null || rmse < bestRmse) {
                best = candidate;
                bestRmse = rmse;
            }
        }
        return best;
    }

    /** The validation score of the network's current parameters (lower is better). */
    @FunctionalInterface
    private interface ValidationMetric {
        double score(Model model, SurfaceForecastNet net, ForecastLoss loss, Shape[] shapes, int tenors);
    }

    /**
     * RMSE in vol points of the finished forecasts (no-arbitrage projection included) on the observed cells of the
     * validation targets: what {@code evaluate} reports. {@code view} shares the trained network (never closed here).
     */
    private static ValidationMetric volRmse(TransformerForecaster view, List<TrainingSample> validation) {
        return (model, net, loss, shapes, tenors) -> {
            double sq = 0;
            long n = 0;
            for (TrainingSample s : validation) {
                SurfaceForecast f = view.forecast(s.history());
                CanonicalSurface target = s.target();
                GridSpec spec = target.spec();
                for (int c = 0; c < spec.cellCount(); c++) {
                    double w = target.totalVariance()[c];
                    if (!target.mask()[c] || !Double.isFinite(w) || w < 0) {
                        continue;
                    }
                    double e = 100 * (f.impliedVol(c) - Math.sqrt(w / spec.tenorYears(c / spec.knotCount())));
                    sq += e * e;
                    n++;
                }
            }
            return n > 0 ? Math.sqrt(sq / n) : 0;
        };
    }

    private TrainingSummary fit(Model model, SurfaceForecastNet net, ForecasterConfig cfg, List<EncodedSample> train,
            ValidationMetric validation, int maxEpochs, GridSpec spec, TrainingProgressListener listener,
            List<TrainingSample> trainPairs, List<TrainingSample> valPairs) {
        int stepsPerEpoch = (train.size() + cfg.batchSize() - 1) / cfg.batchSize();
        int totalSteps = Math.max(1, stepsPerEpoch * cfg.epochs());
        int warmup = Math.max(1, (int) Math.round(cfg.warmupFraction() * totalSteps));
        float lr = (float) cfg.learningRate();
        Tracker schedule = Tracker.warmUp()
                .setMainTracker(Tracker.cosine().setBaseValue(lr).optFinalValue(lr * 0.05f)
                        .setMaxUpdates(Math.max(totalSteps, 2)).build())
                .optWarmUpSteps(warmup).optWarmUpBeginValue(lr * 0.05f).build();
        Optimizer adamW = Optimizer.adamW().optLearningRateTracker(schedule)
                .optWeightDecays((float) cfg.weightDecay()).optClipGrad(1f).build();
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adamW)
                .optDevices(new Device[] {Device.cpu()});
        ForecastLoss loss = new ForecastLoss(cfg);
        Shape[] shapes = net.inputShapes();
        int tenors = spec.tenorCount();
        List<Double> trainHistory = new ArrayList<>();
        List<Double> valHistory = new ArrayList<>();
        long started = System.nanoTime();
        int bestEpoch = 0;
        int epochsRun = 0;
        double initial;
        double best;
        try (Trainer trainer = model.newTrainer(trainingConfig)) {
            TorchConcurrency.seeded(cfg.seed(), () -> {
                trainer.initialize(shapes);
                return null;
            });
            net.zeroHeadOutputs();
            // without validation (a fixed epoch count) the last epoch is kept
            initial = validation == null ? Double.NaN : validation.score(model, net, loss, shapes, tenors);
            best = initial;
            byte[] bestParameters = snapshot(net);
            Random random = new Random(cfg.seed());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                order.add(i);
            }
            int sinceBest = 0;
            int skippedSteps = 0;
            for (int epoch = 1; epoch <= maxEpochs; epoch++) {
                java.util.Collections.shuffle(order, random);
                double sum = 0;
                int batches = 0;
                for (int from = 0; from < order.size(); from += cfg.batchSize()) {
                    List<EncodedSample> batch = new ArrayList<>();
                    for (int i = from; i < Math.min(from + cfg.batchSize(), order.size()); i++) {
                        batch.add(train.get(order.get(i)));
                    }
                    try (NDManager bm = trainer.getManager().newSubManager()) {
                        NDList in = EncodedBatch.inputs(bm, batch, shapes);
                        NDList labels = EncodedBatch.labels(bm, batch, tenors);
                        boolean finite;
                        try (GradientCollector gc = TorchConcurrency.gradientCollector()) {
                            NDList out = trainer.forward(in);
                            NDArray l = loss.total(out, in, labels);
                            float value = l.getFloat();
                            if (!Float.isFinite(value)) {
                                throw new IllegalStateException("training loss became non-finite at epoch " + epoch
                                        + " (terms data, noarb, temporal, smooth, bidAsk = "
                                        + java.util.Arrays.toString(loss.terms(out, in, labels))
                                        + "): check the inputs for extreme values or lower the learning rate");
                            }
                            gc.backward(l);
                            finite = gradientsFinite(net, bm);
                            if (finite) {
                                sum += value;
                                batches++;
                            }
                        }
                        if (finite) {
                            trainer.step();
                        } else {
                            // a rare non-finite gradient must not poison the weights: drop this step
                            skippedSteps++;
                            zeroGradients(net, bm);
                            if (skippedSteps > Math.max(3, totalSteps / 10)) {
                                throw new IllegalStateException("training: " + skippedSteps + " steps had non-finite "
                                        + "gradients; lower the learning rate or check the inputs");
                            }
                        }
                    }
                }
                epochsRun = epoch;
                double val = validation == null ? Double.NaN : validation.score(model, net, loss, shapes, tenors);
                trainHistory.add(sum / Math.max(batches, 1));
                if (validation != null) {
                    valHistory.add(val);
                }
                if (validation == null) {
                    bestEpoch = epoch;
                } else if (val < best - 1e-9) {
                    best = val;
                    bestEpoch = epoch;
                    bestParameters = snapshot(net);
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                listener.onEpoch(new EpochProgress(epoch, cfg.epochs(), sum / Math.max(batches, 1), val, bestEpoch,
                        elapsed, elapsed / epoch * (maxEpochs - epoch)));
                if (sinceBest >= cfg.patience()) {
                    break;
                }
            }
            if (validation != null) {
                restore(model, net, bestParameters);
            }
        }
        TreeSet<String> tickers = new TreeSet<>();
        trainPairs.forEach(s -> tickers.add(s.target().ticker().toUpperCase(Locale.ROOT)));
        return new TrainingSummary(List.copyOf(tickers), first(trainPairs), last(trainPairs), first(valPairs),
                last(valPairs), trainPairs.size(), valPairs.size(), epochsRun, bestEpoch, initial, best, trainHistory,
                valHistory, cfg.sessionFeatures());
    }

    /** Validation data loss in evaluation mode (no dropout, no gradients). */
    static double validationLoss(Model model, SurfaceForecastNet net, ForecastLoss loss, List<EncodedSample> samples,
            Shape[] shapes, int tenors) {
        double weighted = 0;
        double cells = 0;
        for (int from = 0; from < samples.size(); from += EVAL_BATCH) {
            List<EncodedSample> batch = samples.subList(from, Math.min(from + EVAL_BATCH, samples.size()));
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDList in = EncodedBatch.inputs(m, batch, shapes);
                NDList labels = EncodedBatch.labels(m, batch, tenors);
                NDList out = net.forward(new ParameterStore(m, false), in, false);
                double observed = labels.get(ForecastLoss.TARGET_MASK).sum().getFloat();
                weighted += loss.dataTerm(out, in, labels).getFloat() * observed;
                cells += observed;
            }
        }
        return cells > 0 ? weighted / cells : 0;
    }

    /** Whether every gradient is finite; the gradient handles and checks live in a closed scratch manager. */
    private static boolean gradientsFinite(SurfaceForecastNet net, NDManager parent) {
        try (NDManager scratch = parent.newSubManager()) {
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : net.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (!array.hasGradient()) {
                    continue;
                }
                NDArray g = array.getGradient();
                g.attach(scratch);
                if (g.isNaN().logicalOr(g.isInfinite()).any().getBoolean()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void zeroGradients(SurfaceForecastNet net, NDManager parent) {
        try (NDManager scratch = parent.newSubManager()) {
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : net.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (array.hasGradient()) {
                    NDArray g = array.getGradient();
                    g.attach(scratch);
                    OwnedArrays.zeroInPlace(g); // set(float[]) would leave the gradient in a buffer freed with g
                }
            }
        }
    }

    static byte[] snapshot(SurfaceForecastNet net) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                net.saveParameters(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restore(Model model, SurfaceForecastNet net, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            net.loadParameters(model.getNDManager(), in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("could not restore the best parameters", e);
        }
    }

    private static String first(List<TrainingSample> pairs) {
        return pairs.isEmpty() ? null : pairs.get(0).target().session().toString();
    }

    private static String last(List<TrainingSample> pairs) {
        return pairs.isEmpty() ? null : pairs.get(pairs.size() - 1).target().session().toString();
    }
}
