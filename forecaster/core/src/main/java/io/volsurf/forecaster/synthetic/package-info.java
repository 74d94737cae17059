/**
 * A synthetic market with known truth (Heston-like spot, SSVI smiles, listing calendar, spreads,
 * missing strikes, injected bad rows) written as generic chain CSV, for tests and the demo.
 */
package io.volsurf.forecaster.synthetic;
