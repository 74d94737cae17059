package io.volsurf.forecaster.synthetic;

import java.time.LocalDate;

/**
 * A scheduled event of a synthetic ticker (earnings-like): every expiry on or after its session holds its variance on
 * top of the diffusive term structure until the session passes, when the spot jumps by it.
 *
 * @param ticker   underlying
 * @param session  the session whose close-to-close return carries the event
 * @param variance total variance the event adds (decimal vol squared, not annualised)
 */
public record ScheduledEvent(String ticker, LocalDate session, double variance) {
}
