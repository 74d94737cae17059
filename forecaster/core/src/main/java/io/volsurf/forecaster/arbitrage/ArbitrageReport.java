package io.volsurf.forecaster.arbitrage;

import java.util.List;

/**
 * Static-arbitrage report of a set of SVI slices (the {@code arbitrage-check} JSON contract:
 * {@code butterflyFree, minG, minGAtK, calendarViolations}).
 *
 * @param butterflyFree           every slice has Durrleman's {@code g(k) >= 0}
 * @param minG                    the smallest g over all slices
 * @param minGAtK                 log-moneyness of that minimum
 * @param minGAtMaturityYears     maturity (years) of the slice holding it
 * @param calendarViolations      intervals where total variance decreases with maturity
 */
public record ArbitrageReport(boolean butterflyFree, double minG, double minGAtK, double minGAtMaturityYears,
        List<CalendarViolation> calendarViolations) {

    public ArbitrageReport {
        calendarViolations = List.copyOf(calendarViolations);
    }

    /** True when neither butterfly nor calendar arbitrage was found. */
    public boolean arbitrageFree() {
        return butterflyFree && calendarViolations.isEmpty();
    }
}
