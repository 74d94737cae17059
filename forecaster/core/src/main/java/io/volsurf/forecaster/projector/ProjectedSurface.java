package io.volsurf.forecaster.projector;

import io.volsurf.forecaster.svi.SviParams;
import java.util.List;

/**
 * A surface after the no-arbitrage projection.
 *
 * @param tenorSvi      per tenor the butterfly-free SVI smile (the calendar repair may lift cells above it)
 * @param totalVariance per cell the projected total variance, {@code [tenor][knot]} flattened
 * @param report        violations before and after and how far the cells moved
 */
public record ProjectedSurface(List<SviParams> tenorSvi, double[] totalVariance, ProjectionReport report) {
}
