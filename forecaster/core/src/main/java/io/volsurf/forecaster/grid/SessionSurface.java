package io.volsurf.forecaster.grid;

import io.volsurf.forecaster.arbitrage.ArbitrageReport;
import io.volsurf.forecaster.smile.FittedSmile;
import io.volsurf.forecaster.smile.QuoteDropReason;
import io.volsurf.forecaster.svi.SviParams;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's chain turned into a surface: the canonical grid plus what each expiry went through.
 *
 * @param surface   the canonical surface (grid values, mask, half-spreads, SVI slices)
 * @param expiries  every listed expiry with quotes, by increasing maturity
 * @param smiles    the fitted smiles (quotes in vol and SVI fit), by increasing maturity
 * @param arbitrage butterfly and calendar check of the fitted slices; null when no slice was fitted
 */
public record SessionSurface(CanonicalSurface surface, List<ExpiryDiagnostics> expiries, List<FittedSmile> smiles,
        ArbitrageReport arbitrage) {

    public SessionSurface {
        expiries = List.copyOf(expiries);
        smiles = List.copyOf(smiles);
    }

    /** This session's SVI parameters by expiry, the warm start of the next session's fits. */
    public Map<LocalDate, SviParams> warmStarts() {
        Map<LocalDate, SviParams> m = new LinkedHashMap<>();
        for (SmileSlice s : surface.slices()) {
            m.put(s.expiry(), s.svi());
        }
        return m;
    }

    /** Out-of-the-money quotes dropped from smiles, by reason, over all expiries. */
    public Map<QuoteDropReason, Integer> dropped() {
        Map<QuoteDropReason, Integer> total = new EnumMap<>(QuoteDropReason.class);
        for (ExpiryDiagnostics e : expiries) {
            e.dropped().forEach((r, n) -> total.merge(r, n, Integer::sum));
        }
        return total;
    }
}
