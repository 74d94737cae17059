package io.volsurf.forecaster.smile;

import io.volsurf.forecaster.forward.ExpiryForward;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One expiry's filtered out-of-the-money quotes in implied vol, by increasing log-moneyness.
 *
 * @param forward the expiry's forward, discount and maturity
 * @param points  the quotes kept for the fit, by increasing {@code k}
 * @param dropped quotes left out, by reason (only reasons that occurred)
 */
public record MarketSmile(ExpiryForward forward, List<SmilePoint> points, Map<QuoteDropReason, Integer> dropped) {

    public MarketSmile {
        points = List.copyOf(points);
        dropped = dropped.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(dropped));
    }

    public double maturityYears() {
        return forward.maturityYears();
    }

    public int size() {
        return points.size();
    }
}
