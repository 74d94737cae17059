package io.volsurf.forecaster.sample;

import io.volsurf.forecaster.grid.CanonicalSurface;

/**
 * One supervised example: a history and the surface observed at the next session.
 *
 * @param history the inputs, up to and including session t
 * @param target  the surface of session t+1 (its observed cells are what is scored)
 */
public record TrainingSample(SurfaceHistory history, CanonicalSurface target) {

    public TrainingSample {
        if (!target.session().isAfter(history.latest().session())) {
            throw new IllegalArgumentException("target: session " + target.session()
                    + " is not after the history's latest " + history.latest().session());
        }
        if (!target.spec().equals(history.latest().spec())) {
            throw new IllegalArgumentException("target: grid_spec differs from the history's");
        }
    }
}
