package io.volsurf.forecaster.eval;

import io.volsurf.forecaster.baseline.BusinessTimeStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.LinearForecaster;
import io.volsurf.forecaster.baseline.MeanReversionForecaster;
import io.volsurf.forecaster.baseline.StickyExpiryForecaster;
import io.volsurf.forecaster.baseline.SurfaceForecaster;
import io.volsurf.forecaster.sample.TrainingSample;
import java.util.ArrayList;
import java.util.List;

/** The baselines every evaluation reports beside the model (evaluate, walk-forward folds, ablate), in report order. */
public final class EvaluationBaselines {

    private EvaluationBaselines() {
    }

    /** The baselines, the fitted ones learning from {@code training} only (none of those when it is empty). */
    public static List<SurfaceForecaster> fit(List<TrainingSample> training) {
        List<SurfaceForecaster> baselines = new ArrayList<>();
        baselines.add(new CarryForwardForecaster());
        baselines.add(new StickyExpiryForecaster());
        if (!training.isEmpty()) {
            // theta chosen on the training pairs only, as the model's own base is
            baselines.add(BusinessTimeStickyExpiryForecaster.fit(training));
            baselines.add(MeanReversionForecaster.fit(training));
            baselines.add(LinearForecaster.fit(training, 1.0));
        }
        return baselines;
    }
}
