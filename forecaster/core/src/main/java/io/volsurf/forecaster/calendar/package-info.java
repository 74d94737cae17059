/**
 * Exchange calendars (NYSE rules in pure Java, continuous for crypto), session clocks (close and
 * expiry instants for ACT/365F intraday maturities) and the mapping of collection dates to sessions.
 */
package io.volsurf.forecaster.calendar;
