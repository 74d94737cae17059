package io.volsurf.forecaster.grid;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One session's implied volatility surface on the canonical grid, with the listed-expiry smiles it
 * was built from (so it can also be read at any maturity, e.g. for the sticky-expiry baseline).
 * Arrays are flattened {@code [tenor][knot]} as in {@link GridSpec}; cells without quote support
 * have {@code mask[i] == false} and NaN values.
 *
 * @param ticker         underlying, upper case
 * @param session        trading session date
 * @param asOf           snapshot time (drifts for crypto)
 * @param spot           underlying price at the snapshot
 * @param spec           the grid
 * @param logMoneyness   {@code k = ln(K/F)} of each cell
 * @param totalVariance  {@code w = sigma^2 T} of each cell
 * @param impliedVol     implied volatility (decimal) of each cell
 * @param mask           true where quotes support the cell (no extrapolation)
 * @param halfSpreadVol  half bid-ask spread in vol (decimal) where bid and ask exist, else NaN
 * @param slices         the SVI slices of the listed expiries, by increasing maturity
 */
public record CanonicalSurface(String ticker, LocalDate session, Instant asOf, double spot, GridSpec spec,
        double[] logMoneyness, double[] totalVariance, double[] impliedVol, boolean[] mask, double[] halfSpreadVol,
        List<SmileSlice> slices) {

    public CanonicalSurface {
        int n = spec.cellCount();
        if (logMoneyness.length != n || totalVariance.length != n || impliedVol.length != n || mask.length != n
                || halfSpreadVol.length != n) {
            throw new IllegalArgumentException("surface arrays must have " + n + " cells for " + spec);
        }
        slices = List.copyOf(slices);
    }

    /** Number of cells supported by quotes. */
    public int observedCells() {
        int c = 0;
        for (boolean b : mask) {
            if (b) {
                c++;
            }
        }
        return c;
    }
}
