package io.volsurf.forecaster.eval;

import io.volsurf.forecaster.baseline.BusinessTimeStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.CarryForwardForecaster;
import io.volsurf.forecaster.baseline.EventVarianceStickyExpiryForecaster;
import io.volsurf.forecaster.baseline.FilteredStickyExpiryForecaster;
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
            BusinessTimeStickyExpiryForecaster businessTime = BusinessTimeStickyExpiryForecaster.fit(training);
            baselines.add(businessTime);
            // the same carry on a filtered level: noise and state variances from the training pairs only
            baselines.add(FilteredStickyExpiryForecaster.fit(training, businessTime));
            // the same theta: a second search costs as much as the first and moved RMSE by 0.2% on the US set
            baselines.add(new EventVarianceStickyExpiryForecaster(businessTime.theta()));
            baselines.add(MeanReversionForecaster.fit(training));
            baselines.add(LinearForecaster.fit(training, 1.0));
        }
        return baselines;
    }
}
