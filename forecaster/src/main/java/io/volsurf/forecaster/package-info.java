/** DataHandler, arbitrage checks, the DJL forecaster, baselines and evaluation: plain Java, no framework. */
package io.volsurf.forecaster;
