package io.volsurf.forecaster.ingest;

/**
 * Which unit a vendor IV column was read in, and why, summed over the sessions that took the same decision.
 *
 * @param format   the layout (CLI name)
 * @param column   the column or JSON field
 * @param unit     {@code decimal} or {@code percent}
 * @param basis    {@code exchange <name>} (a known venue), {@code detected} (vendor/own IV ratio), or
 *                 {@code assumed: <why>} (no evidence in the chain; the layout's documented unit)
 * @param sessions sessions read this way
 * @param example  one session's evidence (the ratio and how many quotes it rests on), or the first file
 */
public record IvUnitNote(String format, String column, String unit, String basis, int sessions, String example) {
}
