package io.volsurf.forecaster.model;

/** Receives training progress (the CLI draws the bar). */
@FunctionalInterface
public interface TrainingProgressListener {

    void onEpoch(EpochProgress progress);

    static TrainingProgressListener none() {
        return p -> { };
    }
}
