package io.volsurf.greeks.ql;

import io.volsurf.greeks.InputChecks;

/**
 * QuantLib's SVI smile (ql/experimental/volatility): evaluation of SviSmileSection and
 * calibration through SviInterpolation, to compare the project's own SVI fit with QuantLib's.
 * Raw SVI total variance: w(k) = a + b (rho (k - m) + sqrt((k - m)^2 + sigma^2)), k = ln(K/F).
 */
public final class QuantLibSvi {
    private QuantLibSvi() {
    }

    /**
     * Raw SVI parameters with the fit's errors.
     *
     * @param rmsErrorVol root-mean-square error of the fitted Black vols (decimal vol)
     * @param maxErrorVol largest absolute vol error (decimal vol)
     * @param endCriteria QuantLib's EndCriteria::Type code of the optimiser's stop
     */
    public record Fit(double a, double b, double rho, double m, double sigma, double rmsErrorVol,
                      double maxErrorVol, int endCriteria) {
    }

    /** Black vol (decimal) of QuantLib's SviSmileSection at a strike. */
    public static double volatility(double maturityYears, double forward, double a, double b, double rho, double m,
                                    double sigma, double strike) {
        InputChecks.positive(maturityYears, "maturityYears");
        InputChecks.positive(forward, "forward");
        InputChecks.positive(strike, "strike");
        NativeLibrary.load();
        DoubleVector params = new DoubleVector(new double[]{a, b, sigma, rho, m});
        try (SviSmileSection smile = new SviSmileSection(maturityYears, forward, params)) {
            return smile.volatility(strike);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("SVI parameters rejected by QuantLib: " + e.getMessage(), e);
        } finally {
            params.delete();
        }
    }

    /**
     * Calibrates all five raw SVI parameters to Black vols with QuantLib, from a starting guess.
     *
     * @param vegaWeighted weight the errors by Black vega, as QuantLib can
     */
    public static Fit fit(double maturityYears, double forward, double[] strikes, double[] vols, Fit guess,
                          boolean vegaWeighted) {
        InputChecks.positive(maturityYears, "maturityYears");
        InputChecks.positive(forward, "forward");
        if (strikes.length != vols.length) {
            throw new IllegalArgumentException("strikes and vols differ in length: " + strikes.length + " vs " + vols.length);
        }
        for (int i = 0; i < strikes.length; i++) {
            InputChecks.positive(strikes[i], "strikes[" + i + "]");
            InputChecks.positive(vols[i], "vols[" + i + "]");
        }
        NativeLibrary.load();
        DoubleVector k = new DoubleVector(strikes);
        DoubleVector v = new DoubleVector(vols);
        try (SviFitResult r = VolsurfQL.sviFit(k, v, maturityYears, forward, guess.a(), guess.b(), guess.sigma(),
                guess.rho(), guess.m(), vegaWeighted)) {
            return new Fit(r.getA(), r.getB(), r.getRho(), r.getM(), r.getSigma(), r.getRmsError(), r.getMaxError(),
                    r.getEndCriteria());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("QuantLib SVI fit failed: " + e.getMessage(), e);
        } finally {
            k.delete();
            v.delete();
        }
    }
}
