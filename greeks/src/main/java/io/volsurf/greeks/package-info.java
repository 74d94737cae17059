/** GreeksEngine: QuantLib through the project's SWIG binding, and a pure-Java Black-Scholes-Merton path. */
package io.volsurf.greeks;
