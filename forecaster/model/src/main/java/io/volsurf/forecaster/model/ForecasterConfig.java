package io.volsurf.forecaster.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.GridSpecKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Everything that defines a forecaster model (the design's switches and the training settings); saved with the model.
 *
 * @param useSviHead               head A: SVI parameters per tenor through the constraint transform (default true)
 * @param useGridHead              head B: the total-variance grid directly
 * @param informerMode             ProbSparse attention over all spatio-temporal tokens instead of the per-snapshot
 *                                 cross-sectional attention
 * @param blend                    how the two heads combine (needs both heads unless SVI/GRID matches the one head)
 * @param residualBase             the baseline surface the heads start from
 * @param lossWeights              weights of the loss terms
 * @param gridSpec                 the grid the model is trained on ({@code grid_tenors}, {@code grid_knots},
 *                                 {@code grid_moneyness}); null means the grid the sessions are stored on
 * @param features                 inputs used: built-ins {@code gap}, {@code rolldown}, {@code event}, plus names of
 *                                 session features of the histories
 * @param window                   N, the number of past surfaces the model sees
 * @param dModel                   token width
 * @param heads                    attention heads (divides dModel)
 * @param layers                   encoder blocks
 * @param dropout                  dropout rate in [0, 1)
 * @param learningRate             peak AdamW learning rate
 * @param weightDecay              AdamW decoupled weight decay
 * @param epochs                   maximum epochs
 * @param patience                 early stopping: epochs without validation improvement
 * @param batchSize                samples per step
 * @param warmupFraction           share of all steps spent warming the learning rate up
 * @param validationFraction       share of the latest target sessions held out for early stopping
 * @param huber                    Huber instead of MSE in the data term
 * @param blendFitRmseThreshold    BLEND: relative RMSE of the SVI fit of a row above which the grid head is used
 * @param blendMinObservedFraction BLEND: observed share of a row's cells below which the grid head is used
 * @param informerFactor           ProbSparse sampling factor c (u = c ln L queries and keys)
 * @param project                  run the no-arbitrage projector on every forecast
 * @param seed                     seed of initialisation, dropout and shuffling
 * @param linearLambdas            candidate ridge penalties of the linear residual base ({@code residual_base=linear}):
 *                                 the trainer keeps the one with the lowest validation RMSE (vol points); null means
 *                                 {@link #DEFAULT_LINEAR_LAMBDAS}
 * @param linearRefit              after early stopping, refit the ridge (chosen penalty) on all pairs of the training
 *                                 range, validation included (never later sessions); null means true
 * @param volPointLoss             the data term (and the correction and temporal terms' units) in vol points
 *                                 instead of standardised total variance: the unit {@code evaluate} scores in
 * @param earlyStopping            the validation metric of early stopping; null means {@code DATA_LOSS}
 * @param businessTimeTheta        weight of a non-trading day in the business-time sticky-expiry residual base; null
 *                                 means chosen by the trainer on the training pairs (grid 0..1 step 0.05) and saved
 * @param tenorShrink              per tenor the factor in [0, 1] the network's correction over its residual base is
 *                                 multiplied by at forecast time (0: the base, 1: the network); null means chosen by
 *                                 the trainer on time-ordered validation folds of the training range and saved
 *                                 (a model saved without it applies none)
 * @param folds                    time-ordered validation folds that choose {@code tenorShrink} and the epoch count;
 *                                 0 for the single validation slice of early stopping; null means
 *                                 {@link #DEFAULT_FOLDS}
 * @param tickerLossWeights        weight each ticker's cells in the data term so that every ticker's residual base
 *                                 has the same mean loss on the training pairs (a noisy or barely moving ticker
 *                                 must not dominate the pooled loss); null means true
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ForecasterConfig(boolean useSviHead, boolean useGridHead, boolean informerMode, BlendPolicy blend,
        ResidualBase residualBase, LossWeights lossWeights, GridSpec gridSpec, List<String> features, int window,
        int dModel, int heads, int layers, double dropout, double learningRate, double weightDecay, int epochs,
        int patience, int batchSize, double warmupFraction, double validationFraction, boolean huber,
        double blendFitRmseThreshold, double blendMinObservedFraction, int informerFactor, boolean project,
        long seed, List<Double> linearLambdas, Boolean linearRefit, boolean volPointLoss,
        EarlyStopping earlyStopping, Double businessTimeTheta, List<Double> tenorShrink, Integer folds,
        Boolean tickerLossWeights) {

    /** Validation folds of the training range by default. */
    public static final int DEFAULT_FOLDS = 3;

    /** The built-in derived inputs. */
    public static final List<String> BUILT_IN_FEATURES = List.of("gap", "rolldown", "event");

    /** Ridge penalties tried for the linear residual base, from nearly none to nearly carry-forward. */
    public static final List<Double> DEFAULT_LINEAR_LAMBDAS = List.of(1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ForecasterConfig {
        if (blend == null) {
            blend = BlendPolicy.SVI;
        }
        if (residualBase == null) {
            residualBase = ResidualBase.BUSINESS_TIME_STICKY_EXPIRY;
        }
        if (folds == null) {
            folds = DEFAULT_FOLDS;
        }
        if (tickerLossWeights == null) {
            tickerLossWeights = true;
        }
        if (folds < 0) {
            throw new IllegalArgumentException("folds must be >= 0, got " + folds);
        }
        if (businessTimeTheta != null && !(businessTimeTheta >= 0 && businessTimeTheta <= 1)) {
            throw new IllegalArgumentException("business_time_theta must lie in [0, 1], got " + businessTimeTheta);
        }
        if (tenorShrink != null) {
            tenorShrink = List.copyOf(tenorShrink);
            for (double f : tenorShrink) {
                if (!(f >= 0 && f <= 1)) {
                    throw new IllegalArgumentException("tenor_shrink factors must lie in [0, 1], got " + f);
                }
            }
            if (gridSpec != null && tenorShrink.size() != gridSpec.tenorCount()) {
                throw new IllegalArgumentException("tenor_shrink: " + tenorShrink.size() + " factors for "
                        + gridSpec.tenorCount() + " tenors");
            }
        }
        if (lossWeights == null) {
            lossWeights = LossWeights.defaults();
        }
        features = features == null ? BUILT_IN_FEATURES : List.copyOf(features);
        linearLambdas = linearLambdas == null ? DEFAULT_LINEAR_LAMBDAS : List.copyOf(linearLambdas);
        if (linearRefit == null) {
            linearRefit = true;
        }
        if (earlyStopping == null) {
            earlyStopping = EarlyStopping.DATA_LOSS;
        }
        if (linearLambdas.isEmpty()) {
            throw new IllegalArgumentException("linear_lambda: at least one ridge penalty");
        }
        for (double l : linearLambdas) {
            if (!(l >= 0) || Double.isInfinite(l)) {
                throw new IllegalArgumentException("linear_lambda must be finite and >= 0, got " + l);
            }
        }
        if (!useSviHead && !useGridHead) {
            throw new IllegalArgumentException("use_svi_head and use_grid_head are both false: the model needs a head");
        }
        if (blend == BlendPolicy.BLEND && !(useSviHead && useGridHead)) {
            throw new IllegalArgumentException("blend=BLEND needs use_svi_head and use_grid_head");
        }
        if (blend == BlendPolicy.SVI && !useSviHead) {
            throw new IllegalArgumentException("blend=SVI needs use_svi_head");
        }
        if (blend == BlendPolicy.GRID && !useGridHead) {
            throw new IllegalArgumentException("blend=GRID needs use_grid_head");
        }
        positive("window (N)", window);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("layers", layers);
        positive("epochs", epochs);
        positive("patience", patience);
        positive("batchSize", batchSize);
        positive("informerFactor", informerFactor);
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " must be divisible by heads " + heads);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must lie in [0, 1), got " + dropout);
        }
        if (!(learningRate > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("learningRate must be > 0 and weightDecay >= 0");
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("warmupFraction must lie in [0, 1), got " + warmupFraction);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must lie in (0, 1), got " + validationFraction);
        }
        if (!(blendFitRmseThreshold > 0) || !(blendMinObservedFraction >= 0 && blendMinObservedFraction <= 1)) {
            throw new IllegalArgumentException("blendFitRmseThreshold must be > 0, blendMinObservedFraction in [0, 1]");
        }
    }

    /**
     * The design's switches and the training settings, with the later additions at their defaults except the folds (0,
     * the single validation slice these settings were written for) and the ticker loss weights (off): the training
     * these settings always meant.
     */
    public ForecasterConfig(boolean useSviHead, boolean useGridHead, boolean informerMode, BlendPolicy blend,
            ResidualBase residualBase, LossWeights lossWeights, GridSpec gridSpec, List<String> features, int window,
            int dModel, int heads, int layers, double dropout, double learningRate, double weightDecay, int epochs,
            int patience, int batchSize, double warmupFraction, double validationFraction, boolean huber,
            double blendFitRmseThreshold, double blendMinObservedFraction, int informerFactor, boolean project,
            long seed) {
        this(useSviHead, useGridHead, informerMode, blend, residualBase, lossWeights, gridSpec, features, window,
                dModel, heads, layers, dropout, learningRate, weightDecay, epochs, patience, batchSize, warmupFraction,
                validationFraction, huber, blendFitRmseThreshold, blendMinObservedFraction, informerFactor, project,
                seed, null, null, false, null, null, null, 0, false);
    }

    /**
     * The defaults: SVI head on the residual base the folds choose ({@code auto}), N = 5, a small model that trains in
     * minutes on 2 cores, its correction shrunk per tenor by validation folds.
     */
    public static ForecasterConfig defaults() {
        return new ForecasterConfig(true, false, false, BlendPolicy.SVI, ResidualBase.AUTO,
                LossWeights.defaults(), null, BUILT_IN_FEATURES, 5, 32, 4, 2, 0.1, 1e-3, 1e-4, 30, 5, 16, 0.1, 0.2,
                false, 0.05, 0.5, 5, true, 42L, null, null, false, null, null, null, DEFAULT_FOLDS, true);
    }

    /** Whether a built-in or session feature is used. */
    public boolean uses(String feature) {
        return features.contains(feature);
    }

    /** Session features (not built-ins) in the order given. */
    public List<String> sessionFeatures() {
        List<String> out = new ArrayList<>();
        for (String f : features) {
            if (!BUILT_IN_FEATURES.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    public ForecasterConfig withGridSpec(GridSpec spec) {
        return new ForecasterConfig(useSviHead, useGridHead, informerMode, blend, residualBase, lossWeights, spec,
                features, window, dModel, heads, layers, dropout, learningRate, weightDecay, epochs, patience,
                batchSize, warmupFraction, validationFraction, huber, blendFitRmseThreshold, blendMinObservedFraction,
                informerFactor, project, seed, linearLambdas, linearRefit, volPointLoss, earlyStopping,
                businessTimeTheta, tenorShrink, folds, tickerLossWeights);
    }

    /** This config with the fitted business-time theta and per-tenor shrink factors (what training chose). */
    public ForecasterConfig withFitted(Double theta, List<Double> shrink) {
        return new ForecasterConfig(useSviHead, useGridHead, informerMode, blend, residualBase, lossWeights, gridSpec,
                features, window, dModel, heads, layers, dropout, learningRate, weightDecay, epochs, patience,
                batchSize, warmupFraction, validationFraction, huber, blendFitRmseThreshold, blendMinObservedFraction,
                informerFactor, project, seed, linearLambdas, linearRefit, volPointLoss, earlyStopping, theta, shrink,
                folds, tickerLossWeights);
    }

    /** This config with the residual base training chose ({@code residual_base=auto} resolved). */
    public ForecasterConfig withResidualBase(ResidualBase base) {
        return new ForecasterConfig(useSviHead, useGridHead, informerMode, blend, base, lossWeights, gridSpec,
                features, window, dModel, heads, layers, dropout, learningRate, weightDecay, epochs, patience,
                batchSize, warmupFraction, validationFraction, huber, blendFitRmseThreshold, blendMinObservedFraction,
                informerFactor, project, seed, linearLambdas, linearRefit, volPointLoss, earlyStopping,
                businessTimeTheta, tenorShrink, folds, tickerLossWeights);
    }

    /** The shrink factor of tenor {@code m}'s correction: 1 (none) when no factors are set. */
    public double shrink(int tenor) {
        return tenorShrink == null ? 1.0 : tenorShrink.get(tenor);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("config does not serialise", e);
        }
    }

    public static ForecasterConfig fromJson(String json) {
        try {
            return JSON.readValue(json, ForecasterConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("model config: " + e.getOriginalMessage(), e);
        }
    }

    /** Defaults overridden by the given properties; unknown keys are an error naming the key. */
    public static ForecasterConfig fromProperties(Properties p) {
        ForecasterConfig d = defaults();
        List<String> known = List.of("use_svi_head", "use_grid_head", "informer_mode", "blend", "residual_base",
                "loss_weights.data", "loss_weights.noarb", "loss_weights.temporal", "loss_weights.smooth",
                "loss_weights.bid_ask", "features", "n", "window", "d_model", "heads", "layers", "dropout", "lr",
                "learning_rate", "weight_decay", "epochs", "patience", "batch_size", "warmup_fraction",
                "validation_fraction", "huber", "blend_fit_rmse_threshold", "blend_min_observed_fraction",
                "informer_factor", "project", "seed", "linear_lambda", "linear_refit", "vol_point_loss", "early_stopping",
                "loss_weights.correction", "business_time_theta", "tenor_shrink", "folds",
                "ticker_loss_weights", GridSpecKeys.TENORS, GridSpecKeys.KNOTS, GridSpecKeys.MONEYNESS);
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(normalise(key))) {
                throw new IllegalArgumentException("model config: unknown key '" + key + "'");
            }
        }
        LossWeights lw = d.lossWeights();
        lw = new LossWeights(dbl(p, "loss_weights.data", lw.data()), dbl(p, "loss_weights.noarb", lw.noarb()),
                dbl(p, "loss_weights.temporal", lw.temporal()), dbl(p, "loss_weights.smooth", lw.smooth()),
                dbl(p, "loss_weights.bid_ask", lw.bidAsk()), dbl(p, "loss_weights.correction", lw.correction()));
        String feats = get(p, "features");
        List<String> features = feats == null ? d.features()
                : feats.isBlank() ? List.of() : List.of(feats.trim().split("\\s*,\\s*"));
        return new ForecasterConfig(bool(p, "use_svi_head", d.useSviHead()), bool(p, "use_grid_head", d.useGridHead()),
                bool(p, "informer_mode", d.informerMode()),
                get(p, "blend") == null ? d.blend() : BlendPolicy.valueOf(get(p, "blend").trim().toUpperCase(Locale.ROOT)),
                get(p, "residual_base") == null ? d.residualBase()
                        : ResidualBase.valueOf(get(p, "residual_base").trim().toUpperCase(Locale.ROOT)),
                lw, gridSpec(p), features, integer(p, "n", integer(p, "window", d.window())),
                integer(p, "d_model", d.dModel()), integer(p, "heads", d.heads()), integer(p, "layers", d.layers()),
                dbl(p, "dropout", d.dropout()), dbl(p, "lr", dbl(p, "learning_rate", d.learningRate())),
                dbl(p, "weight_decay", d.weightDecay()), integer(p, "epochs", d.epochs()),
                integer(p, "patience", d.patience()), integer(p, "batch_size", d.batchSize()),
                dbl(p, "warmup_fraction", d.warmupFraction()), dbl(p, "validation_fraction", d.validationFraction()),
                bool(p, "huber", d.huber()), dbl(p, "blend_fit_rmse_threshold", d.blendFitRmseThreshold()),
                dbl(p, "blend_min_observed_fraction", d.blendMinObservedFraction()),
                integer(p, "informer_factor", d.informerFactor()), bool(p, "project", d.project()),
                longInteger(p, "seed", d.seed()), doubles(p, "linear_lambda", d.linearLambdas()),
                bool(p, "linear_refit", d.linearRefit()),
                bool(p, "vol_point_loss", d.volPointLoss()),
                get(p, "early_stopping") == null ? d.earlyStopping()
                        : EarlyStopping.valueOf(get(p, "early_stopping").trim().toUpperCase(Locale.ROOT)),
                get(p, "business_time_theta") == null ? null : dbl(p, "business_time_theta", 0),
                doubles(p, "tenor_shrink", null), integer(p, "folds", d.folds()),
                bool(p, "ticker_loss_weights", d.tickerLossWeights()));
    }

    /**
     * The grid the settings ask for: the default grid with {@code grid_tenors}, {@code grid_knots} and
     * {@code grid_moneyness} applied; null (the stored sessions' grid) when none of them is set.
     */
    private static GridSpec gridSpec(Properties p) {
        String tenors = get(p, GridSpecKeys.TENORS);
        String knots = get(p, GridSpecKeys.KNOTS);
        String moneyness = get(p, GridSpecKeys.MONEYNESS);
        if (tenors == null && knots == null && moneyness == null) {
            return null;
        }
        return GridSpecKeys.apply(GridSpec.defaultSpec(), tenors, knots, moneyness);
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }

    /** {@code useSviHead}, {@code use-svi-head} and {@code use_svi_head} are the same key. */
    private static String normalise(String key) {
        String snake = key.trim().replace('-', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return snake.equals("lossweights") ? snake : snake.replace("loss_weights_", "loss_weights.");
    }

    private static String get(Properties p, String key) {
        for (String k : p.stringPropertyNames()) {
            if (normalise(k).equals(key)) {
                return p.getProperty(k);
            }
        }
        return null;
    }

    private static boolean bool(Properties p, String key, boolean dflt) {
        String v = get(p, key);
        if (v == null) {
            return dflt;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException("model config: " + key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(t);
    }

    private static int integer(Properties p, String key, int dflt) {
        String v = get(p, key);
        try {
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model config: " + key + " must be an integer, got '" + v + "'");
        }
    }

    /** A seed is an integer: {@code 1.7} is an error, not 1, and a large seed keeps every bit (a double would not). */
    private static long longInteger(Properties p, String key, long dflt) {
        String v = get(p, key);
        try {
            return v == null ? dflt : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model config: " + key + " must be an integer, got '" + v + "'");
        }
    }

    private static List<Double> doubles(Properties p, String key, List<Double> dflt) {
        String v = get(p, key);
        if (v == null) {
            return dflt;
        }
        List<Double> out = new ArrayList<>();
        for (String part : v.trim().split("\\s*,\\s*")) {
            try {
                out.add(Double.parseDouble(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("model config: " + key + " must be numbers separated by commas, got '"
                        + v + "'");
            }
        }
        return out;
    }

    private static double dbl(Properties p, String key, double dflt) {
        String v = get(p, key);
        try {
            return v == null ? dflt : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model config: " + key + " must be a number, got '" + v + "'");
        }
    }
}
