/** Market data values: validated option quotes ({@link io.volsurf.forecaster.market.OptionQuote}). */
package io.volsurf.forecaster.market;
