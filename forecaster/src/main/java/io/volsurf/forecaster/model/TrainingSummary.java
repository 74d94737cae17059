package io.volsurf.forecaster.model;

import java.util.List;

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
 */
public record TrainingSummary(List<String> tickers, String trainFrom, String trainTo, String validationFrom,
        String validationTo, int trainSamples, int validationSamples, int epochsRun, int bestEpoch,
        double initialValidationLoss, double bestValidationLoss, List<Double> trainLoss, List<Double> validationLoss,
        List<String> featureNames) {
}
