package io.volsurf.forecaster.ingest;

/**
 * How the unit of a vendor IV column is decided for a chain. A {@code known} unit is taken as given (a venue
 * whose convention we know); otherwise the unit is detected from the chain by comparing the vendor values with
 * our own implied vols inverted from the same rows' prices (a 100x ratio is unmistakable), and only where that
 * cannot be done falls back to {@code fallback}, the layout's documented unit.
 *
 * @param column   the column (or JSON field) the values come from, for the note
 * @param known    the unit when the source's convention is known; null to detect
 * @param fallback the unit assumed when detection has no evidence
 * @param basis    why {@code known} is known (e.g. {@code exchange deribit}), or what {@code fallback} rests on
 */
public record IvUnitRule(String column, IvUnit known, IvUnit fallback, String basis) {

    public IvUnitRule {
        if (column == null || fallback == null || basis == null) {
            throw new IllegalArgumentException("column, fallback and basis are required");
        }
    }

    /** A unit the source is known to use. */
    public static IvUnitRule known(String column, IvUnit unit, String basis) {
        return new IvUnitRule(column, unit, unit, basis);
    }

    /** A unit detected per chain, {@code fallback} when the chain gives no evidence. */
    public static IvUnitRule detect(String column, IvUnit fallback, String basis) {
        return new IvUnitRule(column, null, fallback, basis);
    }
}
