package io.volsurf.forecaster.model;

/**
 * Progress after one training epoch, for a progress bar.
 *
 * @param epoch          1-based epoch just finished
 * @param maxEpochs      the configured maximum
 * @param trainLoss      mean training loss of the epoch (weighted total)
 * @param validationLoss validation data loss (MSE in tenor-scale units)
 * @param bestEpoch      epoch with the best validation loss so far (0: the untrained residual model)
 * @param elapsedMillis  time since training started
 * @param etaMillis      estimate of the time left if all epochs run
 */
public record EpochProgress(int epoch, int maxEpochs, double trainLoss, double validationLoss, int bestEpoch,
        long elapsedMillis, long etaMillis) {
}
