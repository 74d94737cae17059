package io.volsurf.forecaster.model;

import java.util.List;
import java.util.Map;

/**
 * What a model was trained on and how training went; saved in the model directory.
 *
 * @param tickers               tickers pooled in training (upper case)
 * @param trainFrom             first training target session (ISO date)
 * @param trainTo               last training target session
 * @param validationFrom        first validation target session (all after {@code trainTo})
 * @param validationTo          last validation target session
 * @param trainSamples          training pairs
 * @param validationSamples     validation pairs
 * @param epochsRun             epochs run before early stopping
 * @param bestEpoch             epoch whose parameters were kept (0: the untrained residual model)
 * @param initialValidationLoss validation data loss of the untrained model (the residual base itself)
 * @param bestValidationLoss    validation data loss of the kept parameters
 * @param trainLoss             training loss per epoch
 * @param validationLoss        validation data loss per epoch
 * @param featureNames          the resolved session-feature inputs
 * @param folds                 what the time-ordered validation folds found (null when none ran)
 */
public record TrainingSummary(List<String> tickers, String trainFrom, String trainTo, String validationFrom,
        String validationTo, int trainSamples, int validationSamples, int epochsRun, int bestEpoch,
        double initialValidationLoss, double bestValidationLoss, List<Double> trainLoss, List<Double> validationLoss,
        List<String> featureNames, FoldReport folds) {

    /** The summary of a single run, without folds. */
    public TrainingSummary(List<String> tickers, String trainFrom, String trainTo, String validationFrom,
            String validationTo, int trainSamples, int validationSamples, int epochsRun, int bestEpoch,
            double initialValidationLoss, double bestValidationLoss, List<Double> trainLoss, List<Double> validationLoss,
            List<String> featureNames) {
        this(tickers, trainFrom, trainTo, validationFrom, validationTo, trainSamples, validationSamples, epochsRun,
                bestEpoch, initialValidationLoss, bestValidationLoss, trainLoss, validationLoss, featureNames, null);
    }

    /**
     * Time-ordered validation folds of the training range: fold f trains on every pair before its block of sessions
     * and is scored on the block. RMSE in vol points on the blocks' observed cells, pooled over the folds, each
     * forecast read through the no-arbitrage projection.
     *
     * @param validationFrom    first target session of each fold's block
     * @param validationTo      last target session of each fold's block
     * @param bestEpochs        each fold's early-stopping epoch (0: its untrained model, the base)
     * @param epochs            the epoch count the final model was trained for (median of {@code bestEpochs})
     * @param baseRmseByTenor   the residual base
     * @param networkRmseByTenor the fold models, unshrunk
     * @param shrunkRmseByTenor the fold models with the chosen factors
     * @param shrink            the chosen factor per tenor
     * @param residualBaseRmse  with {@code residual_base=auto}: each candidate base's RMSE on the folds' pairs through
     *                          the projection (the lowest is the model's base); empty when the base was given
     */
    public record FoldReport(List<String> validationFrom, List<String> validationTo, List<Integer> bestEpochs,
            int epochs, List<Double> baseRmseByTenor, List<Double> networkRmseByTenor, List<Double> shrunkRmseByTenor,
            List<Double> shrink, Map<String, Double> residualBaseRmse) {

        public FoldReport {
            residualBaseRmse = residualBaseRmse == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(residualBaseRmse));
        }
    }
}
